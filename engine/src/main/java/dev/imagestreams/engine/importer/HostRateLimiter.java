package dev.imagestreams.engine.importer;

import dev.imagestreams.engine.config.RegistryLimits;
import dev.imagestreams.registry.http.RequestThrottle;
import dev.imagestreams.registry.reference.ImageReference;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Paces HTTP requests per registry host ({@code requestsPerSecond}, {@code burst}): every request
 * the engine sends, token requests and redirects included, waits for its host's token. Only the few
 * threads a host's lane allows can wait here at once.
 */
public final class HostRateLimiter implements RequestThrottle {
  /** Waits for a token: {@link Thread#sleep} in production, recorded in unit tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration wait) throws InterruptedException;
  }

  private final Clock clock;
  private final Function<String, RegistryLimits> limits;
  private final Sleeper sleeper;
  private final Map<String, Limited> buckets = new ConcurrentHashMap<>();

  public HostRateLimiter(Clock clock, Function<String, RegistryLimits> limits) {
    this(clock, limits, wait -> Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000)));
  }

  /** With the waiting behind a {@link Sleeper}, for unit tests. */
  HostRateLimiter(Clock clock, Function<String, RegistryLimits> limits, Sleeper sleeper) {
    this.clock = clock;
    this.limits = limits;
    this.sleeper = sleeper;
  }

  @Override
  public void acquire(String host) throws InterruptedException {
    String registry = ImageReference.canonicalRegistry(host);
    RegistryLimits l = limits.apply(registry);
    Limited limited =
        buckets.computeIfAbsent(
            registry,
            h ->
                new Limited(l, new TokenBucket(l.requestsPerSecond(), l.burst(), clock.instant())));
    Duration wait;
    synchronized (limited) {
      if (!limited.limits.equals(l)) {
        limited.bucket.reconfigure(l.requestsPerSecond(), l.burst(), clock.instant());
        limited.limits = l;
      }
      wait = limited.bucket.take(clock.instant());
    }
    if (!wait.isZero()) {
      sleeper.sleep(wait);
    }
  }

  private static final class Limited {
    RegistryLimits limits;
    final TokenBucket bucket;

    Limited(RegistryLimits limits, TokenBucket bucket) {
      this.limits = limits;
      this.bucket = bucket;
    }
  }
}
