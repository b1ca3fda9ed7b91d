package dev.imagestreams.registry.http;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RateLimitInfo;
import dev.imagestreams.registry.error.RegistryException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Sends requests to registries with {@link java.net.http.HttpClient}: connection reuse, a connect
 * timeout and a whole-request deadline (headers and body) that never outlasts the import's {@link
 * ImportBudget}, a {@link MinimumBodyRate}, size caps on bodies, {@link TransientRetries} of
 * idempotent requests, and redirects followed by hand so that every target passes the {@link
 * AddressPolicy} and {@code Authorization} never leaves its origin. TLS is verified unless a
 * request is marked insecure, with the JDK's CAs and, for the registries they are given for only,
 * the {@link TrustedCas}.
 */
public final class HttpTransport {
  /**
   * Transport settings.
   *
   * @param connectTimeout the TCP and TLS connect timeout
   * @param requestTimeout the deadline for a whole exchange, body included
   * @param maxRedirects the most redirects followed for one request
   * @param trustedCas CA certificates trusted for particular registries, in addition to the JDK's
   * @param addressPolicy which hosts may be contacted
   * @param throttle paces requests per host
   * @param listener observes every exchange
   * @param userAgent the {@code User-Agent} header
   * @param transientRetries when a transiently failed {@code HEAD} or {@code GET} is repeated
   * @param minimumBodyRate how slowly a body may arrive before the request fails
   */
  public record Settings(
      Duration connectTimeout,
      Duration requestTimeout,
      int maxRedirects,
      TrustedCas trustedCas,
      AddressPolicy addressPolicy,
      RequestThrottle throttle,
      RequestListener listener,
      String userAgent,
      TransientRetries transientRetries,
      MinimumBodyRate minimumBodyRate) {
    public Settings {
      Objects.requireNonNull(transientRetries);
      Objects.requireNonNull(minimumBodyRate);
      Objects.requireNonNull(connectTimeout);
      Objects.requireNonNull(requestTimeout);
      Objects.requireNonNull(trustedCas);
      Objects.requireNonNull(addressPolicy);
      Objects.requireNonNull(throttle);
      Objects.requireNonNull(listener);
      Objects.requireNonNull(userAgent);
    }
  }

  private final Settings settings;
  /*
   * The clients are made on first use: each loads trust material and starts a selector thread,
   * which a short-lived embedder (the kubectl plugin) should not pay for clients it never uses.
   */
  private final Lazy verifying;

  /** One verifying client per endpoint with extra CAs: an SSL context is per client. */
  private final Map<TrustedCas.Endpoint, Lazy> verifyingWithCas = new HashMap<>();

  private final Lazy insecure;
  private final Lazy plain;

  public HttpTransport(Settings settings) {
    this.settings = settings;
    this.verifying =
        new Lazy(() -> client(TrustSettings.verifying(List.of()), HttpClient.Version.HTTP_2));
    settings
        .trustedCas()
        .byEndpoint()
        .forEach(
            (endpoint, cas) ->
                verifyingWithCas.put(
                    endpoint,
                    new Lazy(
                        () -> client(TrustSettings.verifying(cas), HttpClient.Version.HTTP_2))));
    this.insecure =
        new Lazy(() -> client(TrustSettings.trustingAnything(), HttpClient.Version.HTTP_2));
    // plain HTTP: no h2c upgrade attempt
    this.plain =
        new Lazy(() -> client(TrustSettings.verifying(List.of()), HttpClient.Version.HTTP_1_1));
  }

  /** A client made once, on first use. */
  private static final class Lazy {
    private final java.util.function.Supplier<HttpClient> factory;
    private volatile HttpClient client;

    Lazy(java.util.function.Supplier<HttpClient> factory) {
      this.factory = factory;
    }

    HttpClient get() {
      HttpClient c = client;
      if (c == null) {
        synchronized (this) {
          c = client;
          if (c == null) {
            c = factory.get();
            client = c;
          }
        }
      }
      return c;
    }
  }

  private HttpClient client(javax.net.ssl.SSLContext tls, HttpClient.Version version) {
    return HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(tls)
        .version(version)
        .build();
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Sends the request and follows redirects.
   *
   * @throws RegistryException for a refused target, a timeout, a connection failure, an oversized
   *     or truncated body, or an untrusted certificate
   * @throws PlainHttpEndpointException if an {@code https} request reached a plain-HTTP server
   */
  public RegistryResponse send(RegistryRequest request)
      throws RegistryException, PlainHttpEndpointException {
    return send(request, settings.transientRetries());
  }

  /**
   * Sends the request without {@link TransientRetries}: for a probe whose failure is answered
   * otherwise (an https probe that falls back to http).
   */
  public RegistryResponse sendOnce(RegistryRequest request)
      throws RegistryException, PlainHttpEndpointException {
    return send(request, TransientRetries.NONE);
  }

  private RegistryResponse send(RegistryRequest request, TransientRetries retries)
      throws RegistryException, PlainHttpEndpointException {
    RegistryRequest current = request;
    for (int hop = 0; ; hop++) {
      settings.addressPolicy().check(current.uri(), current.description());
      RegistryResponse response = exchangeRetrying(current, retries);
      String location = response.header("Location");
      boolean redirect = response.status() >= 300 && response.status() < 400 && location != null;
      boolean followable = current.method().equals("GET") || current.method().equals("HEAD");
      if (!redirect || !followable) {
        return response;
      }
      if (hop >= settings.maxRedirects()) {
        throw RegistryException.of(
            ErrorKind.UNAVAILABLE,
            "too many redirects (more than "
                + settings.maxRedirects()
                + ") for "
                + current.description());
      }
      URI target;
      try {
        target = current.uri().resolve(location.trim());
      } catch (IllegalArgumentException e) {
        throw RegistryException.of(
            ErrorKind.UNAVAILABLE, "invalid redirect location for " + current.description());
      }
      String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw RegistryException.of(
            ErrorKind.FORBIDDEN,
            "refusing redirect to a " + scheme + " URL for " + current.description());
      }
      if (scheme.equals("http")
          && current.uri().getScheme().equals("https")
          && !current.insecure()) {
        throw RegistryException.of(
            ErrorKind.FORBIDDEN,
            "refusing redirect from https to plain http ("
                + target.getHost()
                + ") for "
                + current.description());
      }
      RegistryRequest next = current.withUri(target);
      if (!sameOrigin(current.uri(), target)) {
        next = next.withAuthorization(null);
      }
      current = next;
    }
  }

  /** A request that failed without a usable response, and whether repeating it may work. */
  private record Failed(RegistryException error, boolean transientFailure) {}

  /** One exchange's result: a response, or a failure. */
  private record Attempt(RegistryResponse response, Failed failure) {}

  /**
   * One exchange, repeated as {@link TransientRetries} allow while it fails transiently; every
   * repetition waits for the host's throttle like any request.
   */
  private RegistryResponse exchangeRetrying(RegistryRequest request, TransientRetries retryPolicy)
      throws RegistryException, PlainHttpEndpointException {
    for (int retries = 0; ; retries++) {
      Attempt attempt = exchange(request);
      Optional<Duration> retryAfter;
      if (attempt.response() != null) {
        RegistryResponse response = attempt.response();
        if (!request.idempotent() || !TransientRetries.isTransientStatus(response.status())) {
          return response;
        }
        retryAfter = RateLimitInfo.from(response.headers(), Clock.systemUTC()).retryAfter();
      } else {
        if (!request.idempotent() || !attempt.failure().transientFailure()) {
          throw attempt.failure().error();
        }
        retryAfter = Optional.empty();
      }
      Optional<Duration> delay =
          retryPolicy.delayBeforeRetry(
              retries,
              retryAfter,
              request.budget().remaining(),
              ThreadLocalRandom.current().nextDouble());
      if (delay.isEmpty()) {
        if (attempt.response() != null) {
          return attempt.response();
        }
        throw attempt.failure().error();
      }
      try {
        Thread.sleep(delay.get().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw RegistryException.of(
            ErrorKind.UNAVAILABLE, "interrupted while waiting to retry " + request.description());
      }
    }
  }

  private Attempt exchange(RegistryRequest request)
      throws RegistryException, PlainHttpEndpointException {
    URI uri = request.uri();
    String host = hostPort(uri);
    request.budget().checkBeforeRequest(host, request.description());
    try {
      settings.throttle().acquire(host);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.of(
          ErrorKind.UNAVAILABLE, "interrupted while waiting to contact " + host);
    }
    request.budget().checkBeforeRequest(host, request.description());
    Duration remaining = request.budget().remaining();
    boolean budgetBinds = remaining.compareTo(settings.requestTimeout()) < 0;
    Timeout timeout = new Timeout(budgetBinds ? remaining : settings.requestTimeout(), budgetBinds);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(timeout.duration())
            .header("User-Agent", settings.userAgent());
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      builder.header(h.getKey(), h.getValue());
    }
    if (request.authorization() != null) {
      builder.header("Authorization", request.authorization());
    }
    HttpResponse.BodyHandler<byte[]> handler;
    BoundedBody.Progress progress = new BoundedBody.Progress();
    switch (request.method()) {
      case "HEAD" -> {
        builder.method("HEAD", HttpRequest.BodyPublishers.noBody());
        handler = HttpResponse.BodyHandlers.replacing(new byte[0]);
      }
      case "POST" -> {
        builder.header("Content-Type", "application/x-www-form-urlencoded");
        builder.POST(
            HttpRequest.BodyPublishers.ofString(
                request.formBody() == null ? "" : request.formBody()));
        handler = BoundedBody.handler(request.maxBodyBytes(), progress);
      }
      default -> {
        builder.GET();
        handler = BoundedBody.handler(request.maxBodyBytes(), progress);
      }
    }
    HttpClient client =
        uri.getScheme().equals("http")
            ? plain.get()
            : request.insecure()
                ? insecure.get()
                : verifyingWithCas.getOrDefault(TrustedCas.Endpoint.of(uri), verifying).get();
    long start = System.nanoTime();
    HttpResponse<byte[]> response;
    try {
      response =
          request.method().equals("HEAD")
              ? sendWithoutBody(client, builder.build(), handler, request, host, timeout)
              : sendWithBody(client, builder.build(), handler, request, host, timeout, progress);
    } catch (FailedException e) {
      return new Attempt(null, e.failed);
    }
    settings
        .listener()
        .onResponse(
            host,
            request.method(),
            response.statusCode(),
            Duration.ofNanos(System.nanoTime() - start));
    byte[] body = response.body() == null ? new byte[0] : response.body();
    return new Attempt(
        new RegistryResponse(response.statusCode(), response.headers(), body, uri), null);
  }

  /**
   * How long one exchange may take, and whether that is the import's deadline rather than the
   * request timeout.
   */
  private record Timeout(Duration duration, boolean isImportDeadline) {}

  /** Carries a {@link Failed} out of the send methods. */
  private static final class FailedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Failed failed;

    FailedException(Failed failed) {
      super(failed.error().getMessage(), null, false, false);
      this.failed = failed;
    }
  }

  /**
   * A response without a body is complete when its headers arrive, which the request timeout
   * bounds: a plain blocking send, no hand-off between threads.
   */
  private HttpResponse<byte[]> sendWithoutBody(
      HttpClient client,
      HttpRequest httpRequest,
      HttpResponse.BodyHandler<byte[]> handler,
      RegistryRequest request,
      String host,
      Timeout timeout)
      throws RegistryException, PlainHttpEndpointException, FailedException {
    try {
      return client.send(httpRequest, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.of(ErrorKind.UNAVAILABLE, "interrupted while contacting " + host);
    } catch (IOException e) {
      throw new FailedException(failure(request, host, e, timeout));
    }
  }

  /**
   * A body can stall after the headers: the whole exchange gets one deadline, and a body that
   * arrives below the {@link MinimumBodyRate} fails as soon as that shows.
   */
  private HttpResponse<byte[]> sendWithBody(
      HttpClient client,
      HttpRequest httpRequest,
      HttpResponse.BodyHandler<byte[]> handler,
      RegistryRequest request,
      String host,
      Timeout timeout,
      BoundedBody.Progress progress)
      throws RegistryException, PlainHttpEndpointException, FailedException {
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(httpRequest, handler);
    long start = System.nanoTime();
    try {
      while (true) {
        long left = timeout.duration().toNanos() - (System.nanoTime() - start);
        if (left <= 0) {
          progress.abandon();
          future.cancel(true);
          throw new FailedException(timedOut(request, host, timeout));
        }
        try {
          return future.get(Math.min(left, RATE_CHECK_INTERVAL.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillComing) {
          Optional<Failed> trickling = trickling(request, host, progress);
          if (trickling.isPresent()) {
            progress.abandon();
            future.cancel(true);
            throw new FailedException(trickling.get());
          }
        }
      }
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw RegistryException.of(ErrorKind.UNAVAILABLE, "interrupted while contacting " + host);
    } catch (ExecutionException e) {
      throw new FailedException(failure(request, host, e.getCause(), timeout));
    }
  }

  private static final Duration RATE_CHECK_INTERVAL = Duration.ofMillis(200);

  private Optional<Failed> trickling(
      RegistryRequest request, String host, BoundedBody.Progress progress) {
    long headersAt = progress.headersAtNanos();
    if (headersAt < 0) {
      return Optional.empty();
    }
    Duration since = Duration.ofNanos(System.nanoTime() - headersAt);
    long bytes = progress.bytes();
    MinimumBodyRate minimum = settings.minimumBodyRate();
    if (!minimum.tooSlow(since, bytes)) {
      return Optional.empty();
    }
    settings.listener().onFailure(host, request.method(), "slow_body");
    return Optional.of(
        new Failed(
            RegistryException.of(
                ErrorKind.UNAVAILABLE,
                "the body of "
                    + request.description()
                    + " from "
                    + host
                    + " arrived too slowly: "
                    + bytes
                    + " bytes in "
                    + since.toMillis() / 1000.0
                    + "s ("
                    + MinimumBodyRate.rate(since, bytes)
                    + " B/s), below the minimum of "
                    + minimum.bytesPerSecond()
                    + " B/s"),
            true));
  }

  private Failed timedOut(RegistryRequest request, String host, Timeout timeout) {
    settings
        .listener()
        .onFailure(host, request.method(), timeout.isImportDeadline() ? "deadline" : "timeout");
    if (timeout.isImportDeadline()) {
      return new Failed(request.budget().deadlineExceeded(host, request.description()), false);
    }
    return new Failed(
        RegistryException.of(
            ErrorKind.UNAVAILABLE,
            "request to "
                + host
                + " for "
                + request.description()
                + " timed out after "
                + settings.requestTimeout().toSeconds()
                + "s"),
        true);
  }

  private Failed failure(RegistryRequest request, String host, Throwable cause, Timeout timeout)
      throws PlainHttpEndpointException {
    String what = request.description();
    if (cause instanceof BoundedBody.TooLargeException tooLarge) {
      settings.listener().onFailure(host, request.method(), "too_large");
      return new Failed(
          RegistryException.of(
              ErrorKind.INVALID_MANIFEST,
              what + " from " + host + " is larger than the limit of " + tooLarge.limit + " bytes"),
          false);
    }
    if (cause instanceof HttpConnectTimeoutException) {
      settings.listener().onFailure(host, request.method(), "connect_timeout");
      return new Failed(
          RegistryException.of(
              ErrorKind.UNAVAILABLE,
              "connecting to "
                  + host
                  + " timed out after "
                  + settings.connectTimeout().toSeconds()
                  + "s"),
          false);
    }
    if (cause instanceof HttpTimeoutException) {
      return timedOut(request, host, timeout);
    }
    if (cause instanceof SSLException ssl) {
      if (isPlainHttpAnswer(ssl)) {
        throw new PlainHttpEndpointException(host, ssl);
      }
      settings.listener().onFailure(host, request.method(), "tls");
      if (isCertificateProblem(ssl)) {
        return new Failed(
            RegistryException.of(
                ErrorKind.BAD_REQUEST,
                "the TLS certificate of "
                    + host
                    + " is not trusted ("
                    + rootMessage(ssl)
                    + "): add its CA to the trusted CAs or mark the registry insecure",
                ssl),
            false);
      }
      return new Failed(
          RegistryException.of(
              ErrorKind.UNAVAILABLE,
              "TLS handshake with " + host + " failed: " + rootMessage(ssl),
              ssl),
          false);
    }
    if (cause instanceof ConnectException) {
      // refused: the host is down, which the host's backoff handles better than a quick retry
      settings.listener().onFailure(host, request.method(), "connect");
      return new Failed(
          RegistryException.of(
              ErrorKind.UNAVAILABLE,
              "cannot connect to " + host + ": " + rootMessage(cause),
              cause),
          false);
    }
    if (cause instanceof IOException) {
      settings.listener().onFailure(host, request.method(), "io");
      return new Failed(
          RegistryException.of(
              ErrorKind.UNAVAILABLE,
              "connection to " + host + " failed while reading " + what + ": " + rootMessage(cause),
              cause),
          true);
    }
    settings.listener().onFailure(host, request.method(), "error");
    return new Failed(
        RegistryException.of(
            ErrorKind.UNAVAILABLE,
            "request to " + host + " for " + what + " failed: " + rootMessage(cause),
            cause),
        false);
  }

  private static boolean isPlainHttpAnswer(SSLException e) {
    String m = String.valueOf(e.getMessage());
    return !(e instanceof SSLHandshakeException && hasCertificateCause(e))
        && (m.contains("Unsupported or unrecognized SSL message")
            || m.contains("plaintext connection"));
  }

  private static boolean isCertificateProblem(SSLException e) {
    return hasCertificateCause(e) || String.valueOf(e.getMessage()).contains("PKIX");
  }

  private static boolean hasCertificateCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException
          || t instanceof java.security.cert.CertPathValidatorException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && effectivePort(a) == effectivePort(b);
  }

  private static int effectivePort(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  /** {@code host} or {@code host:port} of a URI. */
  public static String hostPort(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }
}
