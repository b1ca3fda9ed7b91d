package dev.imagestreams.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {
  private final ExponentialBackoff backoff =
      new ExponentialBackoff(Duration.ofSeconds(15), Duration.ofMinutes(10));

  @Test
  void doublesFromTheFirstDelayUpToTheMaximum() {
    assertThat(backoff.delay(1, 0.5)).isEqualTo(Duration.ofSeconds(15));
    assertThat(backoff.delay(2, 0.5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delay(3, 0.5)).isEqualTo(Duration.ofSeconds(60));
    assertThat(backoff.delay(7, 0.5)).isEqualTo(Duration.ofMinutes(10));
    assertThat(backoff.delay(1_000, 0.5)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void jitterSpreadsEachDelayByTwentyPercent() {
    assertThat(backoff.delay(1, 0.0)).isEqualTo(Duration.ofSeconds(12));
    assertThat(backoff.delay(1, 0.999_999))
        .isBetween(Duration.ofMillis(17_999), Duration.ofSeconds(18));
    assertThat(backoff.delay(1_000, 0.0)).isEqualTo(Duration.ofMinutes(8));
  }
}
