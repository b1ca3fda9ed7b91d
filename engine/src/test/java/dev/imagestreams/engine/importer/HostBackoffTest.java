package dev.imagestreams.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostBackoffTest {
  private static final Duration LONGEST = Duration.ofMinutes(15);

  private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");
  private static final ExponentialBackoff PRODUCTION = RetryBackoffs.DEFAULT.hostOutages();

  @Test
  void rateLimitsHonourRetryAfterOrWaitAMinute() {
    HostBackoff b = new HostBackoff(PRODUCTION, () -> 0.5);
    b.rateLimited(T, Optional.of(Duration.ofSeconds(42)));
    assertThat(b.until(T)).contains(T.plusSeconds(42));
    assertThat(b.cause()).contains("429");
    HostBackoff c = new HostBackoff(PRODUCTION, () -> 0.5);
    c.rateLimited(T, Optional.empty());
    assertThat(c.until(T)).contains(T.plusSeconds(60));
    assertThat(c.until(T.plusSeconds(60))).isEmpty();
  }

  @Test
  void noOutageStepIsLongerThanTheScheduledIntervalSoAReturnedRegistryIsCheckedWithinOne() {
    HostBackoff b = new HostBackoff(PRODUCTION, () -> 0.99);
    Instant now = T;
    for (int i = 0; i < 12; i++) {
      Instant started = now.plusMillis(1);
      b.unavailable(started.plusMillis(10), started, Duration.ofSeconds(20));
      Instant until = b.until(started.plusMillis(10)).orElseThrow();
      assertThat(Duration.between(started.plusMillis(10), until))
          .isLessThanOrEqualTo(Duration.ofSeconds(20));
      now = until;
    }
  }

  @Test
  void successiveOutagesBackOffFromOneSecondDoublingToFiveMinutesAndSuccessResets() {
    HostBackoff b = new HostBackoff(PRODUCTION, () -> 0.5); // no jitter at the midpoint
    Instant now = T;
    long[] expectedSeconds = {1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300};
    for (long seconds : expectedSeconds) {
      Instant started = now.plusMillis(1); // a request sent once the host may be contacted again
      b.unavailable(started.plusMillis(10), started, LONGEST);
      assertThat(b.until(started.plusMillis(10)))
          .contains(started.plusMillis(10).plusSeconds(seconds));
      now = b.until(started.plusMillis(10)).orElseThrow();
    }
    b.succeeded();
    assertThat(b.until(now)).isEmpty();
    HostBackoff low = new HostBackoff(PRODUCTION, () -> 0.0);
    low.unavailable(T, T.minusMillis(5), LONGEST);
    assertThat(low.until(T)).as("-20%% jitter").contains(T.plusMillis(800));
  }

  @Test
  void requestsThatFailTogetherAreOneStep() {
    HostBackoff b = new HostBackoff(PRODUCTION, () -> 0.5);
    Instant sent = T.minusMillis(200);
    for (int i = 0; i < 150; i++) {
      b.unavailable(
          T.plusMillis(i),
          sent,
          LONGEST); // a mass apply: 150 requests under way when the host went down
    }
    assertThat(b.outageSteps()).isEqualTo(1);
    assertThat(b.until(T)).contains(T.plusSeconds(1));

    Instant retried = T.plusSeconds(1).plusMillis(1);
    b.unavailable(retried.plusMillis(5), retried, LONGEST);
    b.unavailable(retried.plusMillis(6), retried, LONGEST);
    assertThat(b.outageSteps()).as("the next wave is the next step").isEqualTo(2);
    assertThat(b.until(retried)).contains(retried.plusMillis(5).plusSeconds(2));
  }
}
