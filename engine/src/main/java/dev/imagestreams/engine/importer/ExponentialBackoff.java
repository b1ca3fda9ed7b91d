package dev.imagestreams.engine.importer;

import java.time.Duration;

/**
 * Exponential backoff with jitter: {@code first} after one failure, doubling with each further
 * failure in a row, at most {@code max}, each delay spread by ±20% so that many clients failing
 * together do not retry together. Pure: the random number is passed in.
 *
 * @param first the delay after the first failure
 * @param max the longest delay
 */
public record ExponentialBackoff(Duration first, Duration max) {
  private static final int MAX_DOUBLINGS = 30;

  /**
   * The delay after {@code failures} failures in a row.
   *
   * @param failures failures in a row, at least 1
   * @param random a number in [0, 1) that picks the jitter
   */
  public Duration delay(int failures, double random) {
    long base = first.toMillis() << Math.min(Math.max(failures, 1) - 1, MAX_DOUBLINGS);
    long capped = Math.min(base, max.toMillis());
    return Duration.ofMillis((long) (capped * (0.8 + 0.4 * random)));
  }
}
