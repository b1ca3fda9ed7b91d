package dev.imagestreams.testinfra.registry;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    ProxyExchange exchange = null;
    try {
      byte[] body = http.getRequestBody().readAllBytes();
      RecordedRequest request =
          RecordedRequest.of(
              http.getRequestMethod(), http.getRequestURI(), http.getRequestHeaders(), body);
      requests.add(request);
      exchange = new ProxyExchange(http, request, this);
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
        // already closed, e.g. by ProxyExchange.abort()
      }
    }
  }

  private static void answer502(ProxyExchange exchange, Exception cause) {
    if (exchange != null && !exchange.headersSent()) {
      try {
        exchange.respond(
            new ProxyResponse(
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

  /** The upstream address of a request's raw path and query. */
  URI upstreamUri(String pathAndQuery) {
    return URI.create(upstreamPrefix + pathAndQuery);
  }

  /** A {@code Location} the upstream sent, pointed at the proxy when it points upstream. */
  String rewriteLocation(String location) {
    return location.startsWith(upstreamPrefix)
        ? baseUri() + location.substring(upstreamPrefix.length())
        : location;
  }

  /** Waits, returning early when the proxy closes. */
  void pause(Duration duration) {
    try {
      closed.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The upstream could not be reached or did not answer; the proxy answers 502. */
  public static final class UpstreamException extends IOException {

    private static final long serialVersionUID = 1L;

    UpstreamException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
