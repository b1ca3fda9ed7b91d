package dev.imagestreams.operator.importer;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to leave one registry alone. A 429 backs it off for its {@code Retry-After} (or the
 * announced window when its budget is spent, else a minute); outages (5xx, timeouts, connection
 * errors) back it off exponentially from 1 s to 5 min with ±20% jitter; a success ends the backoff.
 * Pure apart from the jitter source; not thread-safe (its owner synchronises).
 */
public final class HostBackoff {
  static final Duration DEFAULT_RATE_LIMIT_BACKOFF = Duration.ofMinutes(1);
  static final Duration MAX_RATE_LIMIT_BACKOFF = Duration.ofHours(6);
  static final Duration FIRST_OUTAGE_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_OUTAGE_BACKOFF = Duration.ofMinutes(5);
  private static final ExponentialBackoff OUTAGES = new ExponentialBackoff(FIRST_OUTAGE_BACKOFF, MAX_OUTAGE_BACKOFF);

  private final DoubleSupplier random;
  private Instant until = Instant.MIN;
  private int outages;
  private String cause = "";

  /** @param random a source of numbers in [0, 1), for jitter */
  public HostBackoff(DoubleSupplier random) {
    this.random = random;
  }

  /** The registry answered 429. */
  public void rateLimited(Instant now, Optional<Duration> retryAfter) {
    Duration wait = retryAfter.orElse(DEFAULT_RATE_LIMIT_BACKOFF);
    if (wait.compareTo(MAX_RATE_LIMIT_BACKOFF) > 0) {
      wait = MAX_RATE_LIMIT_BACKOFF;
    }
    extend(now.plus(wait), "rate limited (429)");
  }

  /** The registry failed or did not answer. */
  public void unavailable(Instant now) {
    outages++;
    extend(now.plus(OUTAGES.delay(outages, random.getAsDouble())), "unavailable");
  }

  /** The registry answered normally. */
  public void succeeded() {
    outages = 0;
    until = Instant.MIN;
    cause = "";
  }

  /** Until when to leave the registry alone, if it is backing off at {@code now}. */
  public Optional<Instant> until(Instant now) {
    return until.isAfter(now) ? Optional.of(until) : Optional.empty();
  }

  /** Why the registry is backing off. */
  public String cause() {
    return cause;
  }

  private void extend(Instant end, String why) {
    if (end.isAfter(until)) {
      until = end;
      cause = why;
    }
  }
}
