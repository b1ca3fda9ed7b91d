package dev.imagestreams.testinfra.registry;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP server on {@code 127.0.0.1} and a free port that records every request (headers,
 * including {@code Authorization}, and body) and answers all of them with one fixed response: by
 * default 200 with an empty body. Use it as the target of {@link Fault#redirectTo(URI)} to see what
 * a client forwards to another host.
 */
public final class RecordingServer implements LoopbackAddress, AutoCloseable {

  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final LoopbackHttpServer server;
  private volatile FixedResponse response = new FixedResponse(200, Map.of(), new byte[0]);

  private RecordingServer() {
    this.server = LoopbackHttpServer.start("recording-server", this::handle);
  }

  /**
   * Starts a server answering 200 with an empty body.
   *
   * @return the running server; close it
   */
  public static RecordingServer start() {
    return new RecordingServer();
  }

  /**
   * Changes the response to every following request.
   *
   * @param status the status code
   * @param headers response headers
   * @param body the body (for HEAD requests only its length is announced)
   * @return this server
   */
  public RecordingServer respondWith(int status, Map<String, String> headers, byte[] body) {
    this.response = new FixedResponse(status, new LinkedHashMap<>(headers), body.clone());
    return this;
  }

  /**
   * Changes the response to every following request.
   *
   * @param status the status code
   * @param contentType the {@code Content-Type}
   * @param body the body, UTF-8
   * @return this server
   */
  public RecordingServer respondWith(int status, String contentType, String body) {
    return respondWith(
        status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The requests received since start or {@link #clear()}.
   *
   * @return an immutable snapshot, oldest first
   */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * How many requests arrived since start or {@link #clear()}.
   *
   * @return the count
   */
  public int requestCount() {
    return requests.size();
  }

  /** Forgets the recorded requests. */
  public void clear() {
    requests.clear();
  }

  /**
   * The TCP port.
   *
   * @return the port
   */
  @Override
  public int port() {
    return server.port();
  }

  /** Stops the server without waiting for open exchanges. */
  @Override
  public void close() {
    server.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      requests.add(
          RecordedRequest.of(
              exchange.getRequestMethod(),
              exchange.getRequestURI(),
              exchange.getRequestHeaders(),
              body));
      FixedResponse current = response;
      current.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange
            .getResponseHeaders()
            .set("Content-Length", Integer.toString(current.body().length));
        exchange.sendResponseHeaders(current.status(), -1);
      } else {
        exchange.sendResponseHeaders(
            current.status(), current.body().length == 0 ? -1 : current.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(current.body());
        }
      }
    }
  }

  private record FixedResponse(int status, Map<String, String> headers, byte[] body) {}
}
