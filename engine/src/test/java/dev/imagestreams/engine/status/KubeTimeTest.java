package dev.imagestreams.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KubeTimeTest {
  @Test
  void timesAreWrittenAndReadToTheSecond() {
    assertThat(KubeTime.format(Instant.parse("2026-11-26T12:00:00.987Z")))
        .isEqualTo("2026-11-26T12:00:00Z");
    assertThat(KubeTime.parse("2026-11-26T12:00:00.987Z"))
        .isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
  }

  @Test
  void aStatusTimeThatIsNotATimeReadsAsTheEpochSoItCountsAsOldest() {
    assertThat(KubeTime.parse("yesterday")).isEqualTo(Instant.EPOCH);
    assertThat(KubeTime.parse("")).isEqualTo(Instant.EPOCH);
  }
}
