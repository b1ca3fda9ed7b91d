package dev.imagestreams.engine.importer;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: {@code rate} tokens per second, at most {@code burst} saved up. Pure (time is
 * passed in) and not thread-safe: its owner synchronises.
 */
public final class TokenBucket {
  private double rate;
  private double burst;
  private double tokens;
  private Instant refilled;

  public TokenBucket(double ratePerSecond, double burst, Instant now) {
    this.rate = ratePerSecond;
    this.burst = burst;
    this.tokens = burst;
    this.refilled = now;
  }

  /** Takes a token if one is available at {@code now}. */
  public boolean tryTake(Instant now) {
    refill(now);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /**
   * Takes a token, going into debt if needed; returns how long the caller must wait before using
   * it.
   */
  public Duration take(Instant now) {
    refill(now);
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) (-tokens / rate * 1_000_000_000L));
  }

  /** When the next token will be available. */
  public Instant nextTokenAt(Instant now) {
    refill(now);
    if (tokens >= 1) {
      return now;
    }
    return now.plusNanos((long) ((1 - tokens) / rate * 1_000_000_000L));
  }

  /** Changes the rate and burst, keeping the tokens saved (up to the new burst). */
  public void reconfigure(double ratePerSecond, double newBurst, Instant now) {
    refill(now);
    rate = ratePerSecond;
    burst = newBurst;
    tokens = Math.min(tokens, burst);
  }

  private void refill(Instant now) {
    if (now.isAfter(refilled)) {
      double elapsed = Duration.between(refilled, now).toNanos() / 1e9;
      tokens = Math.min(burst, tokens + elapsed * rate);
      refilled = now;
    }
  }
}
