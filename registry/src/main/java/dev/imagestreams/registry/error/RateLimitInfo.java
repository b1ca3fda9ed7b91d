package dev.imagestreams.registry.error;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a registry said about its rate limits: {@code Retry-After}, and Docker Hub's {@code
 * ratelimit-limit} / {@code ratelimit-remaining} headers ({@code 100;w=21600}).
 *
 * @param retryAfter how long to wait before the next request, if the registry said so
 * @param limit the request budget of the current window, if announced
 * @param remaining the requests left in the current window, if announced
 * @param window the window length, if announced
 */
public record RateLimitInfo(
    Optional<Duration> retryAfter,
    OptionalLong limit,
    OptionalLong remaining,
    Optional<Duration> window) {

  public static final RateLimitInfo NONE =
      new RateLimitInfo(
          Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty());

  /** Reads the rate-limit headers of a response; absent or malformed headers are left empty. */
  public static RateLimitInfo from(HttpHeaders headers, Clock clock) {
    Optional<Duration> retryAfter =
        headers.firstValue("Retry-After").flatMap(v -> parseRetryAfter(v, clock));
    Optional<String> limitHeader = headers.firstValue("ratelimit-limit");
    Optional<String> remainingHeader = headers.firstValue("ratelimit-remaining");
    OptionalLong limit = limitHeader.map(RateLimitInfo::quota).orElse(OptionalLong.empty());
    OptionalLong remaining = remainingHeader.map(RateLimitInfo::quota).orElse(OptionalLong.empty());
    Optional<Duration> window =
        remainingHeader.or(() -> limitHeader).flatMap(RateLimitInfo::window);
    if (retryAfter.isEmpty() && limit.isEmpty() && remaining.isEmpty()) {
      return NONE;
    }
    return new RateLimitInfo(retryAfter, limit, remaining, window);
  }

  /** Whether the registry says the budget of the current window is spent. */
  public boolean exhausted() {
    return remaining.isPresent() && remaining.getAsLong() <= 0;
  }

  /**
   * How long to stay away from the registry: {@code Retry-After} if given, else the announced
   * window when the budget is spent, else empty.
   */
  public Optional<Duration> suggestedBackoff() {
    if (retryAfter.isPresent()) {
      return retryAfter;
    }
    return exhausted() ? window : Optional.empty();
  }

  /** A short human-readable summary such as {@code retry after 30s; 0 of 100 requests left}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    retryAfter.ifPresent(d -> sb.append("retry after ").append(d.toSeconds()).append('s'));
    if (remaining.isPresent()) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(remaining.getAsLong()).append(" of ");
      sb.append(limit.isPresent() ? Long.toString(limit.getAsLong()) : "?")
          .append(" requests left");
      window.ifPresent(w -> sb.append(" per ").append(w.toSeconds()).append('s'));
    }
    return sb.toString();
  }

  static Optional<Duration> parseRetryAfter(String value, Clock clock) {
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static OptionalLong quota(String value) {
    int semicolon = value.indexOf(';');
    String number = (semicolon >= 0 ? value.substring(0, semicolon) : value).trim();
    try {
      return OptionalLong.of(Long.parseLong(number));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static Optional<Duration> window(String value) {
    for (String part : value.split(";")) {
      String p = part.trim();
      if (p.startsWith("w=")) {
        try {
          return Optional.of(Duration.ofSeconds(Long.parseLong(p.substring(2).trim())));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
