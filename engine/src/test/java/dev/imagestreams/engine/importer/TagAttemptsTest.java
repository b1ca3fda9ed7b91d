package dev.imagestreams.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.imports.FailedImport;
import dev.imagestreams.engine.imports.ImportFailure;
import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.engine.imports.ImportOutcome;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.testing.ImportKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The retry schedule of transiently failed tags, on a fixed clock: 15 s doubling to 10 min, ±20%.
 */
class TagAttemptsTest {
  private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");
  private static final StreamId STREAM = new StreamId("ns", "app");
  private static final ImportKey KEY =
      ImportKeys.anonymous("registry.example.com", "registry.example.com/team/app:1");

  private static ImportOutcome unavailable(Instant at, Optional<Duration> retryAfter) {
    return ImportOutcome.failure(new ImportFailure("Unavailable", "down", retryAfter), at);
  }

  @Test
  void transientFailuresAreRetriedFromFifteenSecondsDoublingToTenMinutes() {
    TagAttempts attempts = new TagAttempts(RetryBackoffs.DEFAULT.tagRetries(), () -> 0.5);
    long[] expectedSeconds = {15, 30, 60, 120, 240, 480, 600, 600};
    Instant at = T;
    for (int i = 0; i < expectedSeconds.length; i++) {
      attempts.record(STREAM, "1", KEY, unavailable(at, Optional.empty()));
      FailedImport attempt = attempts.of(STREAM).get("1");
      assertThat(attempt.failures()).isEqualTo(i + 1);
      assertThat(attempt.retryAt()).isEqualTo(at.plusSeconds(expectedSeconds[i]));
      at = attempt.retryAt();
    }
    attempts.record(STREAM, "1", KEY, ImportOutcome.success(image(), at));
    assertThat(attempts.of(STREAM)).as("a success ends the schedule").isEmpty();
  }

  @Test
  void jitterSpreadsRetriesByTwentyPercentAndRetryAfterIsNeverCutShort() {
    TagAttempts early = new TagAttempts(RetryBackoffs.DEFAULT.tagRetries(), () -> 0.0);
    early.record(STREAM, "1", KEY, unavailable(T, Optional.empty()));
    assertThat(early.of(STREAM).get("1").retryAt()).isEqualTo(T.plusSeconds(12));
    TagAttempts late = new TagAttempts(RetryBackoffs.DEFAULT.tagRetries(), () -> 0.999_999);
    late.record(STREAM, "1", KEY, unavailable(T, Optional.empty()));
    assertThat(late.of(STREAM).get("1").retryAt())
        .isBetween(T.plusMillis(17_999), T.plusSeconds(18));

    TagAttempts polite = new TagAttempts(RetryBackoffs.DEFAULT.tagRetries(), () -> 0.5);
    polite.record(STREAM, "1", KEY, unavailable(T, Optional.of(Duration.ofMinutes(3))));
    assertThat(polite.of(STREAM).get("1").retryAt()).isEqualTo(T.plusSeconds(180));
  }

  private static dev.imagestreams.registry.ResolvedImage image() {
    return new dev.imagestreams.registry.ResolvedImage(
        null, null, null, null, 0, List.of(), 0, null, List.of(), null);
  }
}
