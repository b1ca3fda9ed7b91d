package dev.imagestreams.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");

  @Test
  void allowsTheBurstThenTheRate() {
    TokenBucket b = new TokenBucket(2, 3, T);
    assertThat(b.tryTake(T)).isTrue();
    assertThat(b.tryTake(T)).isTrue();
    assertThat(b.tryTake(T)).isTrue();
    assertThat(b.tryTake(T)).isFalse();
    assertThat(b.nextTokenAt(T)).isEqualTo(T.plusMillis(500));
    assertThat(b.tryTake(T.plusMillis(500))).isTrue();
  }

  @Test
  void takeGoesIntoDebtAndSaysHowLongToWait() {
    TokenBucket b = new TokenBucket(10, 1, T);
    assertThat(b.take(T)).isZero();
    assertThat(b.take(T)).isEqualTo(Duration.ofMillis(100));
    assertThat(b.take(T)).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void neverSavesMoreThanTheBurst() {
    TokenBucket b = new TokenBucket(1, 2, T);
    Instant later = T.plus(Duration.ofHours(1));
    assertThat(b.tryTake(later)).isTrue();
    assertThat(b.tryTake(later)).isTrue();
    assertThat(b.tryTake(later)).isFalse();
  }
}
