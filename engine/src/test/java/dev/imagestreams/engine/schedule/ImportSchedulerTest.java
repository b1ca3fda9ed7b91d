package dev.imagestreams.engine.schedule;

import static dev.imagestreams.engine.schedule.ScheduleQueueTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.imports.StreamTag;
import dev.imagestreams.engine.testing.Configs;
import dev.imagestreams.engine.testing.ImportKeys;
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

/** The scheduler's decisions with a fixed clock and a recording check runner: no thread, no I/O. */
class ImportSchedulerTest {
  private static final Instant START = Instant.parse("2026-11-26T12:00:00Z");
  private static final Duration INTERVAL = Duration.ofMinutes(15);

  private final List<ImportKey> checked = new ArrayList<>();
  private final List<Instant> checkedAt = new ArrayList<>();
  private final Map<String, Instant> backoff = new HashMap<>();
  private final Map<ImportKey, Duration> capped = new HashMap<>();

  private ImportScheduler scheduler() {
    ImportConfig config = Configs.schedule(INTERVAL, -1, false);
    return new ImportScheduler(
        config,
        Clock.fixed(START, ZoneOffset.UTC),
        (entry, subscribers, due) -> {
          checked.add(entry.key());
          checkedAt.add(due);
          Duration wait = capped.remove(entry.key());
          return CompletableFuture.completedFuture(
              wait == null ? Optional.empty() : Optional.of(due.plus(wait)));
        },
        registry -> Optional.ofNullable(backoff.get(registry)),
        ImportScheduler.Listener.NONE);
  }

  private static ImportKey keyOn(String registry, int n) {
    return ImportKeys.anonymous(registry, registry + "/app:" + n);
  }

  private static void track(ImportScheduler s, String stream, ImportKey key) {
    s.track(
        new StreamId("ns", stream),
        Map.of(
            "t",
            new ImportScheduler.ScheduledTag(
                key, References.image(key.reference()), Access.anonymous())));
  }

  /** Runs the scheduler at every instant it asks for, up to {@code until}. */
  private void runUntil(ImportScheduler s, Instant until) {
    Instant now = START;
    while (!now.isAfter(until)) {
      Instant next = s.runDue(now);
      now = next.isAfter(now) ? next : now.plusMillis(1);
    }
  }

  @Test
  void everyReferenceIsCheckedOncePerInterval() {
    ImportScheduler s = scheduler();
    for (int i = 0; i < 100; i++) {
      track(s, "s" + i, key(i % 10)); // 100 tags over 10 references
    }
    runUntil(s, START.plus(INTERVAL.dividedBy(2)).plus(INTERVAL).minusMillis(1));
    assertThat(checked).hasSize(10).doesNotHaveDuplicates();
    runUntil(s, START.plus(INTERVAL.dividedBy(2)).plus(INTERVAL.multipliedBy(2)).minusMillis(1));
    assertThat(checked).hasSize(20);
  }

  @Test
  void aRestartDoesNotFireEveryCheckAtOnce() {
    ImportScheduler s = scheduler();
    for (int i = 0; i < 500; i++) {
      track(s, "s" + i, key(i));
    }
    assertThat(s.runDue(START)).isAfterOrEqualTo(START.plus(INTERVAL.dividedBy(2)));
    runUntil(s, START.plus(INTERVAL.dividedBy(2)).plusSeconds(9));
    assertThat(checked)
        .as("at most ~1%% of the checks in the first 10 s of the window")
        .hasSizeLessThanOrEqualTo(10);
  }

  @Test
  void aCheckTheCapHeldBackIsDueAgainWhenTheCapAllowsNotAtItsNextTurn() {
    ImportScheduler s = scheduler();
    track(s, "a", key(1));
    capped.put(key(1), Duration.ofSeconds(40));
    runUntil(s, START.plus(INTERVAL.multipliedBy(2)));
    assertThat(checked).hasSizeGreaterThanOrEqualTo(2);
    assertThat(Duration.between(checkedAt.get(0), checkedAt.get(1)))
        .as("checked again when the cap allows its download")
        .isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void aRegistryThatIsBackingOffIsDeferredWhileOthersRunOnTime() {
    ImportScheduler s = scheduler();
    for (int i = 0; i < 20; i++) {
      track(s, "limited" + i, keyOn("limited.example.com", i));
      track(s, "fine" + i, keyOn("fine.example.com", i));
    }
    backoff.put("limited.example.com", START.plus(Duration.ofHours(2)));
    runUntil(s, START.plus(INTERVAL.multipliedBy(3)));
    assertThat(checked).filteredOn(k -> k.registry().equals("fine.example.com")).hasSize(60);
    assertThat(checked).filteredOn(k -> k.registry().equals("limited.example.com")).isEmpty();
    backoff.clear();
    runUntil(s, START.plus(Duration.ofHours(2)).plus(INTERVAL));
    assertThat(checked).filteredOn(k -> k.registry().equals("limited.example.com")).isNotEmpty();
  }

  @Test
  void disabledScheduleChecksNothingAndUntrackedTagsLeave() {
    ImportScheduler s = scheduler();
    track(s, "a", key(1));
    track(s, "b", key(2));
    s.untrack(new StreamId("ns", "b"));
    assertThat(s.trackedReferences()).isEqualTo(1);
    assertThat(s.tracks(new StreamTag(new StreamId("ns", "a"), "t"))).isTrue();
    s.configure(Configs.schedule(INTERVAL, -1, true));
    runUntil(s, START.plus(INTERVAL.multipliedBy(3)));
    assertThat(checked).isEmpty();
  }

  @Test
  void aCheckStillRunningIsNotStartedTwice() {
    List<CompletableFuture<Optional<Instant>>> running = new ArrayList<>();
    ImportScheduler s =
        new ImportScheduler(
            Configs.schedule(Duration.ofSeconds(2), -1, false),
            Clock.fixed(START, ZoneOffset.UTC),
            (entry, subscribers, due) -> {
              checked.add(entry.key());
              CompletableFuture<Optional<Instant>> f = new CompletableFuture<>();
              running.add(f);
              return f;
            },
            registry -> Optional.empty(),
            ImportScheduler.Listener.NONE);
    track(s, "a", key(1));
    runUntil(s, START.plusSeconds(30));
    assertThat(checked).hasSize(1);
    running.get(0).complete(Optional.empty());
    runUntil(s, START.plusSeconds(60));
    assertThat(checked).hasSizeGreaterThan(1);
  }
}
