package dev.imagestreams.registry.http;

import dev.imagestreams.registry.error.RegistryException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends requests to registries with {@link java.net.http.HttpClient}, as a stack of small steps:
 * {@link Redirects} (followed by hand, so that every target passes the {@link AddressPolicy} and
 * {@code Authorization} never leaves its origin) over {@link Retries} ({@link TransientRetries} of
 * idempotent requests) over one {@link Exchange} (a connect timeout and a whole-request deadline
 * that never outlasts the import's {@link ImportBudget}, a {@link MinimumBodyRate}, size caps on
 * bodies). TLS is verified unless a request is marked insecure, with the JDK's CAs and, for the
 * registries they are given for only, the {@link TrustedCas} ({@link HttpClients}).
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
  private final Redirects redirects;
  private final Retries retries;

  public HttpTransport(Settings settings) {
    this.settings = settings;
    this.redirects = new Redirects(settings.addressPolicy(), settings.maxRedirects());
    this.retries = new Retries(new Exchange(settings));
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
    return redirects.follow(request, r -> retries.send(r, settings.transientRetries()));
  }

  /**
   * Sends the request without {@link TransientRetries}: for a probe whose failure is answered
   * otherwise (an https probe that falls back to http).
   */
  public RegistryResponse sendOnce(RegistryRequest request)
      throws RegistryException, PlainHttpEndpointException {
    return redirects.follow(request, r -> retries.send(r, TransientRetries.NONE));
  }

  /** {@code host} or {@code host:port} of a URI. */
  public static String hostPort(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }
}
