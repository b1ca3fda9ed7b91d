package dev.imagestreams.testinfra.registry;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One request that a {@link FaultProxy} handles: forwarded, or answered by a {@link Fault}. */
public final class ProxyExchange {

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "transfer-encoding",
          "te",
          "trailer",
          "upgrade",
          "host",
          "content-length",
          "expect",
          "http2-settings");

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private final HttpExchange http;
  private final RecordedRequest request;
  private final FaultProxy proxy;
  private boolean headersSent;

  ProxyExchange(HttpExchange http, RecordedRequest request, FaultProxy proxy) {
    this.http = http;
    this.request = request;
    this.proxy = proxy;
  }

  /**
   * The request as received.
   *
   * @return the request
   */
  public RecordedRequest request() {
    return request;
  }

  /**
   * Tells whether this is a HEAD request (whose response has no body).
   *
   * @return whether the method is HEAD
   */
  public boolean isHead() {
    return "HEAD".equalsIgnoreCase(request.method());
  }

  /**
   * Sends the request upstream and returns the answer, with {@code Location} rewritten to the
   * proxy.
   *
   * @return the upstream response
   * @throws FaultProxy.UpstreamException when the upstream cannot be reached; unless a fault
   *     catches it, the client gets 502
   */
  public ProxyResponse forward() throws FaultProxy.UpstreamException {
    URI target = proxy.upstreamUri(request.pathAndQuery());
    byte[] body = request.body();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofMinutes(1))
            .method(
                request.method(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    request
        .headers()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : values) {
                  try {
                    builder.header(name, value);
                  } catch (IllegalArgumentException restricted) {
                    // a header java.net.http sets itself
                  }
                }
              }
            });
    HttpResponse<byte[]> response;
    try {
      response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new FaultProxy.UpstreamException("cannot forward to " + target + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FaultProxy.UpstreamException("interrupted while forwarding to " + target, e);
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (name.equalsIgnoreCase("Location")) {
                headers.put(name, values.stream().map(proxy::rewriteLocation).toList());
              } else if (!name.startsWith(":")) {
                headers.put(name, values);
              }
            });
    return new ProxyResponse(response.statusCode(), headers, response.body());
  }

  /**
   * Sends a complete response. For HEAD requests the body is not sent, and a {@code Content-Length}
   * among the headers is kept (as a registry announces a manifest's size).
   *
   * @param response the response
   * @throws IOException when the client connection fails
   */
  public void respond(ProxyResponse response) throws IOException {
    byte[] body = response.body();
    List<String> announced = response.headerValues("Content-Length");
    long length = isHead() && !announced.isEmpty() ? Long.parseLong(announced.get(0)) : body.length;
    OutputStream out = sendHeaders(response.status(), response.headers(), length);
    if (!isHead() && body.length > 0) {
      out.write(body);
    }
    out.close();
  }

  /**
   * Sends status and headers and returns the body stream. {@code Content-Length} is {@code
   * contentLength} (for HEAD it is only announced); hop-by-hop headers among {@code headers} are
   * dropped.
   *
   * @param status the status
   * @param headers the headers
   * @param contentLength the announced body length
   * @return the body stream; write exactly {@code contentLength} bytes, or call {@link #abort()}
   * @throws IOException when the client connection fails
   */
  public OutputStream sendHeaders(int status, Map<String, List<String>> headers, long contentLength)
      throws IOException {
    headers.forEach(
        (name, values) -> {
          if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
            http.getResponseHeaders().put(name, new ArrayList<>(values));
          }
        });
    headersSent = true;
    boolean noBody = status == 204 || status == 304 || (status >= 100 && status < 200);
    if (isHead()) {
      if (!noBody) {
        http.getResponseHeaders().set("Content-Length", Long.toString(contentLength));
      }
      http.sendResponseHeaders(status, -1);
    } else {
      http.sendResponseHeaders(status, noBody || contentLength == 0 ? -1 : contentLength);
    }
    return http.getResponseBody();
  }

  /**
   * Waits, returning early when the proxy closes.
   *
   * @param duration how long
   */
  public void pause(Duration duration) {
    proxy.pause(duration);
  }

  /** Closes the connection at once, whatever was sent so far. */
  public void abort() {
    http.close();
  }

  /** Whether status and headers went out: then a failure can no longer be answered with 502. */
  boolean headersSent() {
    return headersSent;
  }
}
