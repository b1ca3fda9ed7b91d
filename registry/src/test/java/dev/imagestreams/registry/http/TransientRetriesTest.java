package dev.imagestreams.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransientRetriesTest {
  private static final TransientRetries DEFAULT = TransientRetries.DEFAULT;
  private static final Duration PLENTY = Duration.ofSeconds(30);

  @Test
  void twoRetriesFromAQuarterSecondDoublingWithJitter() {
    assertThat(DEFAULT.delayBeforeRetry(0, Optional.empty(), PLENTY, 0.5))
        .contains(Duration.ofMillis(250));
    assertThat(DEFAULT.delayBeforeRetry(1, Optional.empty(), PLENTY, 0.5))
        .contains(Duration.ofMillis(500));
    assertThat(DEFAULT.delayBeforeRetry(2, Optional.empty(), PLENTY, 0.5))
        .as("bounded: two retries")
        .isEmpty();
    assertThat(DEFAULT.delayBeforeRetry(0, Optional.empty(), PLENTY, 0.0))
        .contains(Duration.ofMillis(125));
    assertThat(DEFAULT.delayBeforeRetry(0, Optional.empty(), PLENTY, 0.999))
        .contains(Duration.ofMillis(374));
  }

  @Test
  void retryAfterIsHonouredUpToFiveSeconds() {
    assertThat(DEFAULT.delayBeforeRetry(0, Optional.of(Duration.ofSeconds(3)), PLENTY, 0.5))
        .contains(Duration.ofSeconds(3));
    assertThat(DEFAULT.delayBeforeRetry(0, Optional.of(Duration.ZERO), PLENTY, 0.5))
        .contains(Duration.ofMillis(250));
    assertThat(DEFAULT.delayBeforeRetry(0, Optional.of(Duration.ofSeconds(6)), PLENTY, 0.5))
        .as("a longer wait is the host backoff's business")
        .isEmpty();
  }

  @Test
  void noRetryThatWouldOutlastTheImportDeadline() {
    assertThat(DEFAULT.delayBeforeRetry(0, Optional.empty(), Duration.ofMillis(200), 0.5))
        .isEmpty();
    assertThat(
            DEFAULT.delayBeforeRetry(
                0, Optional.of(Duration.ofSeconds(2)), Duration.ofSeconds(1), 0.5))
        .isEmpty();
    assertThat(TransientRetries.NONE.delayBeforeRetry(0, Optional.empty(), PLENTY, 0.5)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "500,true",
    "502,true",
    "503,true",
    "504,true",
    "501,false",
    "429,false",
    "404,false",
    "401,false",
    "200,false"
  })
  void whichStatusesAreTransient(int status, boolean transientStatus) {
    assertThat(TransientRetries.isTransientStatus(status)).isEqualTo(transientStatus);
  }
}
