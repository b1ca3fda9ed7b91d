package dev.imagestreams.registry.http;

import java.time.Duration;

/**
 * How slowly a response body may arrive: once {@code grace} has passed since the headers, the bytes
 * received must average at least {@code bytesPerSecond} since the headers, or the request fails
 * (long before its timeout). Pure.
 *
 * @param bytesPerSecond the lowest acceptable average rate
 * @param grace how long a body may take before its rate is judged
 */
public record MinimumBodyRate(long bytesPerSecond, Duration grace) {
  /** 1 KiB/s, judged from 5 s after the headers. */
  public static final MinimumBodyRate DEFAULT = new MinimumBodyRate(1024, Duration.ofSeconds(5));

  /** Whether a body that has delivered {@code bytes} in {@code sinceHeaders} is too slow. */
  public boolean tooSlow(Duration sinceHeaders, long bytes) {
    if (sinceHeaders.compareTo(grace) < 0) {
      return false;
    }
    return bytes * 1000 < bytesPerSecond * sinceHeaders.toMillis();
  }

  /** The average rate, for messages. */
  public static long rate(Duration sinceHeaders, long bytes) {
    long millis = Math.max(1, sinceHeaders.toMillis());
    return bytes * 1000 / millis;
  }
}
