package dev.imagestreams.registry.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitInfoTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  private static HttpHeaders headers(Map<String, String> values) {
    return HttpHeaders.of(
        values.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
        (a, b) -> true);
  }

  @Test
  void readsRetryAfterSecondsAndDockerHubHeaders() {
    RateLimitInfo info =
        RateLimitInfo.from(
            headers(
                Map.of(
                    "Retry-After",
                    "30",
                    "ratelimit-limit",
                    "100;w=21600",
                    "ratelimit-remaining",
                    "0;w=21600")),
            CLOCK);
    assertThat(info.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(info.limit()).hasValue(100);
    assertThat(info.remaining()).hasValue(0);
    assertThat(info.window()).contains(Duration.ofHours(6));
    assertThat(info.exhausted()).isTrue();
    assertThat(info.suggestedBackoff()).contains(Duration.ofSeconds(30));
    assertThat(info.describe()).isEqualTo("retry after 30s; 0 of 100 requests left per 21600s");
  }

  @Test
  void readsRetryAfterAsAnHttpDate() {
    RateLimitInfo info =
        RateLimitInfo.from(headers(Map.of("Retry-After", "Thu, 26 Nov 2026 10:01:30 GMT")), CLOCK);
    assertThat(info.retryAfter()).contains(Duration.ofSeconds(90));
  }

  @Test
  void exhaustedBudgetWithoutRetryAfterBacksOffForTheWindow() {
    RateLimitInfo info =
        RateLimitInfo.from(headers(Map.of("ratelimit-remaining", "0;w=3600")), CLOCK);
    assertThat(info.suggestedBackoff()).contains(Duration.ofHours(1));
  }

  @Test
  void ignoresMissingOrMalformedHeaders() {
    assertThat(RateLimitInfo.from(headers(Map.of()), CLOCK)).isSameAs(RateLimitInfo.NONE);
    RateLimitInfo info =
        RateLimitInfo.from(
            headers(Map.of("Retry-After", "soon", "ratelimit-remaining", "x")), CLOCK);
    assertThat(info.retryAfter()).isEmpty();
    assertThat(info.remaining()).isEmpty();
    assertThat(info.suggestedBackoff()).isEmpty();
  }
}
