package dev.imagestreams.testinfra.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset that a test or a benchmark moves forward: time passes as usual,
 * and can jump (to expire a token, to make a whole scheduled cycle due). {@link ManualClock} is the
 * same offset over a clock that stands still.
 */
public class OffsetClock extends Clock {
  private final Clock base;
  private volatile Duration offset = Duration.ZERO;

  public OffsetClock() {
    this(Clock.systemUTC());
  }

  /** The offset over another clock. */
  OffsetClock(Clock base) {
    this.base = base;
  }

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
    return base.instant().plus(offset);
  }
}
