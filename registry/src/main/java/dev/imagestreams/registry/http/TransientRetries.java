package dev.imagestreams.registry.http;

import java.time.Duration;
import java.util.Optional;

/**
 * When to repeat an idempotent request ({@code HEAD}, {@code GET}) that failed transiently (5xx, a
 * reset connection, a timeout, a trickling body) within the same import: at most {@code maxRetries}
 * times, after {@code firstDelay} doubling with each retry and jittered to between half and one and
 * a half times that, never before the registry's {@code Retry-After}, and never when the registry
 * asks for more than {@code maxRetryAfter} or the wait would not end before the import's deadline
 * (then the failure is reported and the host backs off). Pure: the random number is passed in.
 *
 * @param maxRetries retries after the first attempt
 * @param firstDelay the delay before the first retry, before jitter
 * @param maxRetryAfter the longest {@code Retry-After} waited for within an import
 */
public record TransientRetries(int maxRetries, Duration firstDelay, Duration maxRetryAfter) {
  /** Two retries, from 250 ms, waiting for a {@code Retry-After} of at most 5 s. */
  public static final TransientRetries DEFAULT =
      new TransientRetries(2, Duration.ofMillis(250), Duration.ofSeconds(5));

  /** Never retries. */
  public static final TransientRetries NONE = new TransientRetries(0, Duration.ZERO, Duration.ZERO);

  /** HTTP statuses that say the registry failed this time: retried. */
  public static boolean isTransientStatus(int status) {
    return status == 500 || status == 502 || status == 503 || status == 504;
  }

  /**
   * How long to wait before retrying, or empty to give up.
   *
   * @param retriesSoFar retries already made for this request (0 after the first failure)
   * @param retryAfter what the registry asked for, if anything
   * @param remaining time left before the import's deadline
   * @param random a number in [0, 1) that picks the jitter
   */
  public Optional<Duration> delayBeforeRetry(
      int retriesSoFar, Optional<Duration> retryAfter, Duration remaining, double random) {
    if (retriesSoFar >= maxRetries) {
      return Optional.empty();
    }
    if (retryAfter.isPresent() && retryAfter.get().compareTo(maxRetryAfter) > 0) {
      return Optional.empty();
    }
    long base = firstDelay.toMillis() << Math.min(retriesSoFar, 20);
    Duration jittered = Duration.ofMillis((long) (base * (0.5 + random)));
    Duration delay = retryAfter.filter(a -> a.compareTo(jittered) > 0).orElse(jittered);
    return delay.compareTo(remaining) < 0 ? Optional.of(delay) : Optional.empty();
  }
}
