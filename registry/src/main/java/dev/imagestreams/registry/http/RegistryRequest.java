package dev.imagestreams.registry.http;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP request to a registry or its token service.
 *
 * @param method {@code HEAD}, {@code GET} or {@code POST}
 * @param uri the URI
 * @param headers headers other than {@code Authorization}
 * @param authorization the {@code Authorization} value, or null; dropped on a redirect to another
 *     origin
 * @param formBody a form body for {@code POST}, or null
 * @param maxBodyBytes the largest successful response body accepted
 * @param insecure whether TLS verification may be skipped (and plain HTTP used)
 * @param description what is being fetched, for messages ({@code manifest of
 *     docker.io/library/python:3})
 * @param budget the deadline and cancellation of the import the request belongs to
 */
public record RegistryRequest(
    String method,
    URI uri,
    Map<String, String> headers,
    String authorization,
    String formBody,
    long maxBodyBytes,
    boolean insecure,
    String description,
    ImportBudget budget) {

  public RegistryRequest {
    headers = Map.copyOf(headers);
    java.util.Objects.requireNonNull(budget);
  }

  /** Whether repeating the request is harmless. */
  public boolean idempotent() {
    return method.equals("GET") || method.equals("HEAD");
  }

  /** The same request with another {@code Authorization}. */
  public RegistryRequest withAuthorization(String value) {
    return new RegistryRequest(
        method, uri, headers, value, formBody, maxBodyBytes, insecure, description, budget);
  }

  /** The same request to another URI. */
  public RegistryRequest withUri(URI target) {
    return new RegistryRequest(
        method,
        target,
        headers,
        authorization,
        formBody,
        maxBodyBytes,
        insecure,
        description,
        budget);
  }

  @Override
  public String toString() {
    return method + " " + uri + (authorization == null ? "" : " (authorized)");
  }
}
