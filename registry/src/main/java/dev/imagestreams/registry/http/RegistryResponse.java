package dev.imagestreams.registry.http;

import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * A response from a registry: status, headers, the (size-capped) body and the URI that answered
 * after redirects.
 */
public record RegistryResponse(int status, HttpHeaders headers, byte[] body, URI uri) {
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }
}
