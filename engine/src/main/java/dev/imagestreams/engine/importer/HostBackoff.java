package dev.imagestreams.engine.importer;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RateLimitInfo;
import dev.imagestreams.registry.error.RegistryException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;

/**
 * When to leave one registry alone. A 429 backs it off for its {@code Retry-After} (or the
 * announced window when its budget is spent, else a minute); outages (5xx, timeouts, connection
 * errors) back it off exponentially ({@link RetryBackoffs#hostOutages()}: 1 s to 5 min with ±20%
 * jitter, never longer than the scheduled interval); a success ends the backoff.
 *
 * <p>One outage is one step: a failure grows the backoff only if its request started after the last
 * step was taken. Requests that were already under way when the host failed (a mass apply sends
 * hundreds at once) fail together and count once, so the backoff follows how long the host has been
 * failing, not how many requests it failed.
 *
 * <p>It also says what a request's outcome means for the registry ({@link #record}) and why work is
 * refused while it backs off ({@link #refusal}). Pure apart from the jitter source; not thread-safe
 * (its owner synchronises).
 */
public final class HostBackoff {
  static final Duration DEFAULT_RATE_LIMIT_BACKOFF = Duration.ofMinutes(1);
  static final Duration MAX_RATE_LIMIT_BACKOFF = Duration.ofHours(6);

  private final ExponentialBackoff outageBackoff;
  private final DoubleSupplier random;
  private Instant until = Instant.MIN;
  private int outages;
  private Instant lastStep;
  private String cause = "";

  /**
   * @param outageBackoff the backoff of consecutive outage steps
   * @param random a source of numbers in [0, 1), for jitter
   */
  public HostBackoff(ExponentialBackoff outageBackoff, DoubleSupplier random) {
    this.outageBackoff = outageBackoff;
    this.random = random;
  }

  /**
   * What a request's outcome says about the registry: a success or an answer to a wrong request
   * ends the backoff, a 429 or an outage extends it, a cancelled request says nothing.
   *
   * @param failure the request's failure, or null when it succeeded
   * @param now when the outcome was seen
   * @param started when the request started
   * @param longest the longest outage step
   */
  public void record(RegistryException failure, Instant now, Instant started, Duration longest) {
    if (failure == null) {
      succeeded();
    } else if (failure.kind() == ErrorKind.CANCELLED) {
      return; // nobody wanted it: says nothing about the registry
    } else if (failure.kind() == ErrorKind.RATE_LIMITED) {
      rateLimited(now, failure.rateLimit().suggestedBackoff());
    } else if (failure.kind() == ErrorKind.UNAVAILABLE) {
      unavailable(now, started, longest);
    } else {
      succeeded(); // the registry answered; the request was wrong
    }
  }

  /** Why work for the registry is refused at {@code now}, if it is backing off. */
  public Optional<RegistryException> refusal(String registry, Instant now) {
    return until(now)
        .map(
            end -> {
              Duration wait = Duration.between(now, end);
              String message =
                  "registry "
                      + registry
                      + " is "
                      + cause
                      + ": not contacting it again before "
                      + end
                      + " ("
                      + Math.max(1, wait.toSeconds())
                      + "s)";
              ErrorKind kind =
                  cause.startsWith("rate") ? ErrorKind.RATE_LIMITED : ErrorKind.UNAVAILABLE;
              return RegistryException.fromResponse(
                  kind,
                  message,
                  0,
                  null,
                  new RateLimitInfo(
                      Optional.of(wait),
                      OptionalLong.empty(),
                      OptionalLong.empty(),
                      Optional.empty()));
            });
  }

  /** The registry answered 429. */
  public void rateLimited(Instant now, Optional<Duration> retryAfter) {
    Duration wait = retryAfter.orElse(DEFAULT_RATE_LIMIT_BACKOFF);
    if (wait.compareTo(MAX_RATE_LIMIT_BACKOFF) > 0) {
      wait = MAX_RATE_LIMIT_BACKOFF;
    }
    extend(now.plus(wait), "rate limited (429)");
  }

  /**
   * The registry failed or did not answer.
   *
   * @param now when the failure was seen
   * @param requestStarted when the failed request (or import) started
   * @param longest the longest step (the scheduled interval: a registry that returns is checked
   *     again within one interval)
   */
  public void unavailable(Instant now, Instant requestStarted, Duration longest) {
    if (lastStep != null && !requestStarted.isAfter(lastStep)) {
      return; // under way when the last step was taken: the same outage
    }
    outages++;
    lastStep = now;
    Duration step = outageBackoff.delay(outages, random.getAsDouble());
    extend(now.plus(step.compareTo(longest) > 0 ? longest : step), "unavailable");
  }

  /** Steps taken in the current outage, for tests. */
  int outageSteps() {
    return outages;
  }

  /** The registry answered normally. */
  public void succeeded() {
    outages = 0;
    lastStep = null;
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
