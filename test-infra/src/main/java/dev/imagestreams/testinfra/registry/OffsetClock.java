package dev.imagestreams.testinfra.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset that a test or a benchmark moves forward: time passes as usual,
 * and can jump (to expire a token, to make a whole scheduled cycle due).
 */
public final class OffsetClock extends Clock {
  private volatile Duration offset = Duration.ZERO;

  public void advance(Duration d) {
    offset = offset.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }
}
