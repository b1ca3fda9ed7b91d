package dev.imagestreams.registry;

import dev.imagestreams.registry.http.MinimumBodyRate;
import dev.imagestreams.registry.http.RequestListener;
import dev.imagestreams.registry.http.RequestThrottle;
import dev.imagestreams.registry.http.TransientRetries;
import dev.imagestreams.registry.http.TrustedCas;
import dev.imagestreams.registry.reference.RegistryPatterns;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link RegistryClient}. Build with {@link #builder()}; every setting has a default
 * suited to a long-running operator.
 *
 * @param connectTimeout TCP and TLS connect timeout (default 10 s)
 * @param requestTimeout deadline for one HTTP exchange including its body (default 30 s)
 * @param maxRedirects redirects followed per request (default 5)
 * @param maxManifestBytes largest manifest accepted (default 4 MiB, the distribution spec's advice)
 * @param maxConfigBytes largest image config accepted (default 8 MiB)
 * @param trustedCas CA certificates trusted besides the JDK's, each for the registry it is given
 *     for
 * @param blockedRegistries registries never contacted, not even as token realm or redirect target
 * @param throttle paces requests per host
 * @param listener observes every HTTP exchange
 * @param resolvedCacheSize digests whose resolution is remembered (default 4096; 0 disables)
 * @param userAgent the {@code User-Agent} header
 * @param clock the clock for token expiry and {@code Retry-After} dates
 * @param importDeadline one deadline for all requests of one import (default 30 s)
 * @param transientRetries when a transiently failed {@code HEAD} or {@code GET} is repeated within
 *     an import (default: twice, from 250 ms)
 * @param minimumBodyRate how slowly a body may arrive (default 1 KiB/s, judged after 5 s)
 */
public record RegistrySettings(
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRedirects,
    long maxManifestBytes,
    long maxConfigBytes,
    TrustedCas trustedCas,
    RegistryPatterns blockedRegistries,
    RequestThrottle throttle,
    RequestListener listener,
    int resolvedCacheSize,
    String userAgent,
    Clock clock,
    Duration importDeadline,
    TransientRetries transientRetries,
    MinimumBodyRate minimumBodyRate) {

  public RegistrySettings {
    Objects.requireNonNull(connectTimeout);
    Objects.requireNonNull(requestTimeout);
    Objects.requireNonNull(trustedCas);
    Objects.requireNonNull(blockedRegistries);
    Objects.requireNonNull(throttle);
    Objects.requireNonNull(listener);
    Objects.requireNonNull(userAgent);
    Objects.requireNonNull(clock);
    Objects.requireNonNull(importDeadline);
    Objects.requireNonNull(transientRetries);
    Objects.requireNonNull(minimumBodyRate);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from the defaults. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.maxRedirects = maxRedirects;
    b.maxManifestBytes = maxManifestBytes;
    b.maxConfigBytes = maxConfigBytes;
    b.trustedCas = trustedCas;
    b.blockedRegistries = blockedRegistries;
    b.throttle = throttle;
    b.listener = listener;
    b.resolvedCacheSize = resolvedCacheSize;
    b.userAgent = userAgent;
    b.clock = clock;
    b.importDeadline = importDeadline;
    b.transientRetries = transientRetries;
    b.minimumBodyRate = minimumBodyRate;
    return b;
  }

  /** Builds {@link RegistrySettings}. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxRedirects = 5;
    private long maxManifestBytes = 4L * 1024 * 1024;
    private long maxConfigBytes = 8L * 1024 * 1024;
    private TrustedCas trustedCas = TrustedCas.NONE;
    private RegistryPatterns blockedRegistries = RegistryPatterns.NONE;
    private RequestThrottle throttle = RequestThrottle.NONE;
    private RequestListener listener = RequestListener.NONE;
    private int resolvedCacheSize = 4096;
    private String userAgent = "imagestream-operator";
    private Clock clock = Clock.systemUTC();
    private Duration importDeadline = Duration.ofSeconds(30);
    private TransientRetries transientRetries = TransientRetries.DEFAULT;
    private MinimumBodyRate minimumBodyRate = MinimumBodyRate.DEFAULT;

    public Builder importDeadline(Duration v) {
      importDeadline = v;
      return this;
    }

    public Builder transientRetries(TransientRetries v) {
      transientRetries = v;
      return this;
    }

    public Builder minimumBodyRate(MinimumBodyRate v) {
      minimumBodyRate = v;
      return this;
    }

    public Builder connectTimeout(Duration v) {
      connectTimeout = v;
      return this;
    }

    public Builder requestTimeout(Duration v) {
      requestTimeout = v;
      return this;
    }

    public Builder maxRedirects(int v) {
      maxRedirects = v;
      return this;
    }

    public Builder maxManifestBytes(long v) {
      maxManifestBytes = v;
      return this;
    }

    public Builder maxConfigBytes(long v) {
      maxConfigBytes = v;
      return this;
    }

    public Builder trustedCas(TrustedCas v) {
      trustedCas = v;
      return this;
    }

    public Builder blockedRegistries(RegistryPatterns v) {
      blockedRegistries = v;
      return this;
    }

    public Builder throttle(RequestThrottle v) {
      throttle = v;
      return this;
    }

    public Builder listener(RequestListener v) {
      listener = v;
      return this;
    }

    public Builder resolvedCacheSize(int v) {
      resolvedCacheSize = v;
      return this;
    }

    public Builder userAgent(String v) {
      userAgent = v;
      return this;
    }

    public Builder clock(Clock v) {
      clock = v;
      return this;
    }

    public RegistrySettings build() {
      return new RegistrySettings(
          connectTimeout,
          requestTimeout,
          maxRedirects,
          maxManifestBytes,
          maxConfigBytes,
          trustedCas,
          blockedRegistries,
          throttle,
          listener,
          resolvedCacheSize,
          userAgent,
          clock,
          importDeadline,
          transientRetries,
          minimumBodyRate);
    }
  }
}
