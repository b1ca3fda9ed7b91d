package dev.imagestreams.testinfra.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it, for unit tests that must not see time pass
 * ({@link OffsetClock} is the one that moves with real time).
 */
public final class ManualClock extends OffsetClock {

  public ManualClock(Instant start) {
    super(Clock.fixed(start, ZoneOffset.UTC));
  }
}
