package dev.imagestreams.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MinimumBodyRateTest {
  private static final MinimumBodyRate DEFAULT = MinimumBodyRate.DEFAULT;

  @Test
  void aBodyIsJudgedOnlyAfterItsGracePeriod() {
    assertThat(DEFAULT.tooSlow(Duration.ofMillis(4_999), 0)).isFalse();
    assertThat(DEFAULT.tooSlow(Duration.ofSeconds(5), 0)).as("nothing after 5 s").isTrue();
  }

  @Test
  void afterTheGraceItMustAverageOneKibPerSecond() {
    assertThat(DEFAULT.tooSlow(Duration.ofSeconds(10), 10 * 1024)).isFalse();
    assertThat(DEFAULT.tooSlow(Duration.ofSeconds(10), 10 * 1024 - 1)).isTrue();
    assertThat(MinimumBodyRate.rate(Duration.ofSeconds(10), 5_000)).isEqualTo(500);
  }
}
