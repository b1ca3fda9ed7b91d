package dev.imagestreams.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.config.RegistryLimits;
import dev.imagestreams.testinfra.registry.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Request pacing per host, on a clock that stands still; waits are recorded, never slept. */
class HostRateLimiterTest {
  private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");

  private final ManualClock clock = new ManualClock(T);
  private final List<Duration> waits = new ArrayList<>();
  private final Map<String, RegistryLimits> limits = new ConcurrentHashMap<>();
  private final HostRateLimiter limiter =
      new HostRateLimiter(
          clock, host -> limits.getOrDefault(host, new RegistryLimits(2.0, 2, 8)), waits::add);

  @Test
  void aBurstPassesAtOnceThenRequestsArePacedAtTheRate() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      limiter.acquire("registry.example.com");
    }
    assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));

    clock.advance(Duration.ofSeconds(3));
    waits.clear();
    limiter.acquire("registry.example.com");
    assertThat(waits).as("the debt is repaid after a pause").isEmpty();
  }

  @Test
  void hostsHaveTheirOwnBucketsAndDockerHubAliasesShareOne() throws InterruptedException {
    limiter.acquire("registry-1.docker.io");
    limiter.acquire("docker.io");
    limiter.acquire("other.example.com");
    limiter.acquire("other.example.com");
    assertThat(waits).isEmpty();

    limiter.acquire("index.docker.io");
    assertThat(waits).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void changedLimitsApplyToTheNextRequest() throws InterruptedException {
    limiter.acquire("registry.example.com");
    limiter.acquire("registry.example.com");
    limits.put("registry.example.com", new RegistryLimits(10.0, 2, 8));
    limiter.acquire("registry.example.com");
    assertThat(waits).containsExactly(Duration.ofMillis(100));
  }
}
