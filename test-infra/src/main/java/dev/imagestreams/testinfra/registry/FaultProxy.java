package dev.imagestreams.testinfra.registry;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * An HTTP proxy on {@code 127.0.0.1} and a free port that forwards every request to an upstream
 * (normally a {@link DistributionRegistry}) unless a rule injects a {@link Fault}.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(registry.baseUri())) {
 *     proxy.when("GET", "/v2/.+/manifests/.+").times(1).then(Fault.tooManyRequests(Duration.ofSeconds(2)));
 *     // point the client under test at proxy.host(); the second GET reaches the registry
 *     assertEquals(2, proxy.count("GET", "/v2/app/manifests/.+"));
 * }
 * }</pre>
 *
 * <p>Forwarding passes method, path, query, headers (including {@code Authorization}) and body
 * upstream, and returns the upstream status, headers and body (HEAD without body, with the upstream
 * {@code Content-Length}). {@code Location} headers pointing at the upstream are rewritten to point
 * at the proxy, so that blob uploads continue through it. Rules are evaluated in the order they
 * were added; the first that matches and still has uses left wins. Every request is recorded,
 * faulted or not. Each exchange runs on its own thread, so a hanging one does not block the others;
 * {@link #close()} does not wait for them.
 *
 * <p>The JDK server underneath normalises response header names (first letter upper case, the rest
 * lower case, e.g. {@code Docker-content-digest}); HTTP header names are case-insensitive, so
 * clients must not care. A client that probes HTTPS on this plain-HTTP port makes the JDK server
 * wait for a request line; run tests with {@code -Dsun.net.httpserver.maxReqTime=5} to bound that
 * wait.
 */
public final class FaultProxy implements LoopbackAddress, AutoCloseable {

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

  private final URI upstream;
  private final String upstreamPrefix;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final int port;
  private volatile LoopbackHttpServer server;

  private FaultProxy(URI upstream) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.upstreamPrefix = upstream.toString().replaceAll("/+$", "");
    this.server = LoopbackHttpServer.start("fault-proxy", this::handle);
    this.port = server.port();
  }

  /**
   * Starts a proxy in front of an upstream.
   *
   * @param upstream the upstream base URI, for example {@link DistributionRegistry#baseUri()}
   * @return the running proxy; close it
   */
  public static FaultProxy start(URI upstream) {
    return new FaultProxy(upstream);
  }

  /**
   * The TCP port.
   *
   * @return the port
   */
  @Override
  public int port() {
    return port;
  }

  /**
   * Takes the registry down as a stopped process is: the port is closed, so connections are refused
   * (and not recorded), and open connections are cut. {@link #acceptConnections()} brings it back
   * on the same port.
   */
  public synchronized void refuseConnections() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Listens again on the same port after {@link #refuseConnections()}. */
  public synchronized void acceptConnections() {
    if (server == null) {
      server = LoopbackHttpServer.start("fault-proxy", this::handle, port);
    }
  }

  /**
   * The upstream base URI.
   *
   * @return the upstream
   */
  public URI upstream() {
    return upstream;
  }

  /**
   * Starts a rule for requests with a method and a path matching a regular expression.
   *
   * @param method the method, or {@code null} or {@code "*"} for any
   * @param pathRegex a regular expression the whole raw path must match, e.g. {@code
   *     /v2/.+/manifests/.+}
   * @return a rule builder; finish it with {@link RuleBuilder#then(Fault)}
   */
  public RuleBuilder when(String method, String pathRegex) {
    return new RuleBuilder(method, Pattern.compile(pathRegex));
  }

  /** Removes all rules: every following request is forwarded. */
  public void clearRules() {
    rules.clear();
  }

  /**
   * All requests received since start or {@link #clearRequests()}, oldest first.
   *
   * @return an immutable snapshot
   */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * The recorded requests with a method and a path matching a regular expression.
   *
   * @param method the method, or {@code null} or {@code "*"} for any
   * @param pathRegex a regular expression the whole raw path must match
   * @return the matching requests, oldest first
   */
  public List<RecordedRequest> requests(String method, String pathRegex) {
    return requests.stream().filter(request -> request.matches(method, pathRegex)).toList();
  }

  /**
   * Counts recorded requests, for example the HEAD or GET requests for one manifest.
   *
   * @param method the method, or {@code null} or {@code "*"} for any
   * @param pathRegex a regular expression the whole raw path must match
   * @return the count
   */
  public int count(String method, String pathRegex) {
    return requests(method, pathRegex).size();
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    requests.clear();
  }

  /** Removes all rules and forgets the recorded requests. */
  public void reset() {
    clearRules();
    clearRequests();
  }

  /** Stops at once: hanging and stalled exchanges are released and their connections closed. */
  @Override
  public synchronized void close() {
    closed.countDown();
    if (server != null) {
      server.close();
    }
  }

  @Override
  public String toString() {
    return "FaultProxy[" + baseUri() + " -> " + upstream + "]";
  }

  private void handle(HttpExchange http) {
    Exchange exchange = null;
    try {
      byte[] body = http.getRequestBody().readAllBytes();
      RecordedRequest request =
          RecordedRequest.of(
              http.getRequestMethod(), http.getRequestURI(), http.getRequestHeaders(), body);
      requests.add(request);
      exchange = new Exchange(http, request);
      Fault fault = null;
      for (Rule rule : rules) {
        if (rule.tryApply(request)) {
          fault = rule.fault;
          break;
        }
      }
      if (fault == null) {
        exchange.respond(exchange.forward());
      } else {
        fault.apply(exchange);
      }
    } catch (UpstreamException e) {
      answer502(exchange, e);
    } catch (IOException e) {
      // the client went away, or a fault broke the connection on purpose
    } catch (RuntimeException e) {
      answer502(exchange, e);
    } finally {
      try {
        http.close();
      } catch (RuntimeException ignored) {
        // already closed, e.g. by Exchange.abort()
      }
    }
  }

  private static void answer502(Exchange exchange, Exception cause) {
    if (exchange != null && !exchange.headersSent) {
      try {
        exchange.respond(
            new Response(
                502,
                Map.of("Content-Type", List.of("text/plain")),
                ("FaultProxy: " + cause).getBytes(StandardCharsets.UTF_8)));
      } catch (IOException ignored) {
        // the client went away
      }
    }
  }

  /** Builds a {@link Rule}. */
  public final class RuleBuilder {

    private final String method;
    private final Pattern path;
    private int times = -1;

    private RuleBuilder(String method, Pattern path) {
      this.method = method;
      this.path = path;
    }

    /**
     * Applies the fault only to the first {@code n} matching requests; later ones fall through.
     *
     * @param n how many times, at least 1
     * @return this builder
     */
    public RuleBuilder times(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("times must be at least 1");
      }
      this.times = n;
      return this;
    }

    /**
     * Applies the fault to the first matching request only.
     *
     * @return this builder
     */
    public RuleBuilder once() {
      return times(1);
    }

    /**
     * Adds the rule to the proxy.
     *
     * @param fault what to do with matching requests
     * @return the rule
     */
    public Rule then(Fault fault) {
      Rule rule = new Rule(method, path, times, Objects.requireNonNull(fault, "fault"));
      rules.add(rule);
      return rule;
    }
  }

  /** A fault-injection rule; see {@link #when(String, String)}. */
  public final class Rule {

    private final String method;
    private final Pattern path;
    private final AtomicInteger remaining;
    private final AtomicInteger hits = new AtomicInteger();
    private final Fault fault;

    private Rule(String method, Pattern path, int times, Fault fault) {
      this.method = method;
      this.path = path;
      this.remaining = new AtomicInteger(times);
      this.fault = fault;
    }

    /**
     * How many requests this rule has faulted.
     *
     * @return the count
     */
    public int hits() {
      return hits.get();
    }

    /** Removes this rule from the proxy. */
    public void remove() {
      rules.remove(this);
    }

    private boolean tryApply(RecordedRequest request) {
      boolean methodMatches =
          method == null || "*".equals(method) || method.equalsIgnoreCase(request.method());
      if (!methodMatches || !path.matcher(request.path()).matches()) {
        return false;
      }
      int left = remaining.getAndUpdate(value -> value > 0 ? value - 1 : value);
      if (left == 0) {
        return false;
      }
      hits.incrementAndGet();
      return true;
    }
  }

  /**
   * A status, headers and body: what the upstream answered or what a fault sends.
   *
   * @param status the status code
   * @param headers the headers, names in any case
   * @param body the body (copied)
   */
  public record Response(int status, Map<String, List<String>> headers, byte[] body) {

    /**
     * Copies headers and body.
     *
     * @param status the status
     * @param headers the headers
     * @param body the body
     */
    public Response {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
      headers = Collections.unmodifiableMap(copy);
      body = body.clone();
    }

    /**
     * The body.
     *
     * @return a copy
     */
    @Override
    public byte[] body() {
      return body.clone();
    }

    /**
     * All values of a header.
     *
     * @param name the name, any case
     * @return the values, possibly none
     */
    public List<String> headerValues(String name) {
      List<String> values = new ArrayList<>();
      headers.forEach(
          (key, list) -> {
            if (key.equalsIgnoreCase(name)) {
              values.addAll(list);
            }
          });
      return values;
    }

    /**
     * A mutable copy of the headers without one header.
     *
     * @param name the name to drop, any case
     * @return the other headers
     */
    public Map<String, List<String>> headersWithout(String name) {
      Map<String, List<String>> copy = new LinkedHashMap<>(headers);
      copy.keySet().removeIf(key -> key.equalsIgnoreCase(name));
      return copy;
    }

    static Map<String, List<String>> single(Map<String, String> headers) {
      Map<String, List<String>> multi = new LinkedHashMap<>();
      headers.forEach((name, value) -> multi.put(name, List.of(value)));
      return multi;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Response response
          && status == response.status
          && headers.equals(response.headers)
          && Arrays.equals(body, response.body);
    }

    @Override
    public int hashCode() {
      return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
      return "Response[" + status + ", " + body.length + " bytes]";
    }
  }

  /** One request being handled by a {@link Fault}. */
  public final class Exchange {

    private final HttpExchange http;
    private final RecordedRequest request;
    private boolean headersSent;

    private Exchange(HttpExchange http, RecordedRequest request) {
      this.http = http;
      this.request = request;
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
     * @throws UpstreamException when the upstream cannot be reached; unless a fault catches it, the
     *     client gets 502
     */
    public Response forward() throws UpstreamException {
      URI target = URI.create(upstreamPrefix + request.pathAndQuery());
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
        throw new UpstreamException("cannot forward to " + target + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UpstreamException("interrupted while forwarding to " + target, e);
      }
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (name.equalsIgnoreCase("Location")) {
                  headers.put(name, values.stream().map(FaultProxy.this::rewriteLocation).toList());
                } else if (!name.startsWith(":")) {
                  headers.put(name, values);
                }
              });
      return new Response(response.statusCode(), headers, response.body());
    }

    /**
     * Sends a complete response. For HEAD requests the body is not sent, and a {@code
     * Content-Length} among the headers is kept (as a registry announces a manifest's size).
     *
     * @param response the response
     * @throws IOException when the client connection fails
     */
    public void respond(Response response) throws IOException {
      byte[] body = response.body();
      List<String> announced = response.headerValues("Content-Length");
      long length =
          isHead() && !announced.isEmpty() ? Long.parseLong(announced.get(0)) : body.length;
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
    public OutputStream sendHeaders(
        int status, Map<String, List<String>> headers, long contentLength) throws IOException {
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
      try {
        closed.await(duration.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Closes the connection at once, whatever was sent so far. */
    public void abort() {
      http.close();
    }
  }

  private String rewriteLocation(String location) {
    return location.startsWith(upstreamPrefix)
        ? baseUri() + location.substring(upstreamPrefix.length())
        : location;
  }

  /** The upstream could not be reached or did not answer; the proxy answers 502. */
  public static final class UpstreamException extends IOException {

    private static final long serialVersionUID = 1L;

    UpstreamException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
