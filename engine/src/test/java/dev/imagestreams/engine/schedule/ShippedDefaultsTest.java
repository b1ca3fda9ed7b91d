package dev.imagestreams.engine.schedule;

import static dev.imagestreams.engine.schedule.ScheduleQueueTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.RegistryLimits;
import dev.imagestreams.engine.importer.TokenBucket;
import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.testing.References;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The promise of docs/imports.md ("how far the defaults go"): with the shipped configuration,
 * 10,000 distinct scheduled references on one registry host are each checked within every interval.
 * The scheduler runs in virtual time; each check's HEAD waits for the host's token bucket with the
 * shipped limits, as {@code HostRateLimiter} makes it wait.
 */
class ShippedDefaultsTest {
  private static final int REFERENCES = 10_000;
  private static final Instant START = Instant.parse("2026-12-06T00:00:00Z");

  @Test
  void tenThousandReferencesOnOneHostAreEachCheckedWithinEveryInterval() {
    ImportConfig shipped = ImportConfig.defaults();
    Duration interval = shipped.imageImport().scheduledInterval();
    RegistryLimits host = shipped.limitsFor("quay.io");
    TokenBucket rate = new TokenBucket(host.requestsPerSecond(), host.burst(), START);
    Map<ImportKey, List<Instant>> sent = new HashMap<>();
    List<Duration> lags = new ArrayList<>();
    ImportScheduler scheduler =
        new ImportScheduler(
            shipped,
            Clock.fixed(START, ZoneOffset.UTC),
            (entry, subscribers, due) -> {
              Instant onTheWire = due.plus(rate.take(due)); // the HEAD waits for its token
              sent.computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(onTheWire);
              lags.add(Duration.between(due, onTheWire));
              return CompletableFuture.completedFuture(Optional.empty());
            },
            registry -> Optional.empty(),
            ImportScheduler.Listener.NONE);
    for (int i = 0; i < REFERENCES; i++) {
      ImportKey key = key(i);
      scheduler.track(
          new StreamId("ns", "s" + i),
          Map.of(
              "t",
              new ImportScheduler.ScheduledTag(
                  key, References.image(key.reference()), Access.anonymous())));
    }

    Instant end = START.plus(interval.multipliedBy(4));
    Instant now = START;
    while (now.isBefore(end)) {
      Instant next = scheduler.runDue(now);
      now = next.isAfter(now) ? next : now.plusMillis(1);
    }

    assertThat(sent).hasSize(REFERENCES);
    assertThat(lags.stream().max(Duration::compareTo).orElseThrow())
        .as("the longest wait for the host's rate")
        .isLessThan(Duration.ofSeconds(10));
    for (List<Instant> checks : sent.values()) {
      assertThat(checks).hasSizeGreaterThanOrEqualTo(3);
      for (int k = 1; k < checks.size(); k++) {
        assertThat(Duration.between(checks.get(k - 1), checks.get(k)))
            .isLessThanOrEqualTo(interval.plusSeconds(10));
      }
    }
  }
}
