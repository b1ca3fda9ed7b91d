package dev.imagestreams.operator.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostBackoffTest {
  private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");

  @Test
  void rateLimitsHonourRetryAfterOrWaitAMinute() {
    HostBackoff b = new HostBackoff(() -> 0.5);
    b.rateLimited(T, Optional.of(Duration.ofSeconds(42)));
    assertThat(b.until(T)).contains(T.plusSeconds(42));
    assertThat(b.cause()).contains("429");
    HostBackoff c = new HostBackoff(() -> 0.5);
    c.rateLimited(T, Optional.empty());
    assertThat(c.until(T)).contains(T.plusSeconds(60));
    assertThat(c.until(T.plusSeconds(60))).isEmpty();
  }

  @Test
  void outagesBackOffExponentiallyWithJitterAndSuccessResets() {
    HostBackoff b = new HostBackoff(() -> 0.5); // no jitter at the midpoint
    b.unavailable(T);
    assertThat(b.until(T)).contains(T.plusSeconds(1));
    b.unavailable(T);
    assertThat(b.until(T)).contains(T.plusSeconds(2));
    for (int i = 0; i < 20; i++) {
      b.unavailable(T);
    }
    assertThat(b.until(T)).contains(T.plus(Duration.ofMinutes(5)));
    b.succeeded();
    assertThat(b.until(T)).isEmpty();
    HostBackoff low = new HostBackoff(() -> 0.0);
    low.unavailable(T);
    assertThat(low.until(T)).contains(T.plusMillis(800));
  }
}
