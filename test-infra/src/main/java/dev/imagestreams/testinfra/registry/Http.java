package dev.imagestreams.testinfra.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain java.net.http calls for the tests. */
final class Http {

  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private Http() {}

  static HttpResponse<byte[]> get(URI uri, String... headers) {
    return send(builder(uri, headers).GET().build());
  }

  static HttpResponse<byte[]> head(URI uri, String... headers) {
    return send(builder(uri, headers).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
  }

  static HttpRequest.Builder builder(URI uri, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return builder;
  }

  static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }
}
