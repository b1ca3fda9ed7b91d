package dev.imagestreams.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.imports.StreamTag;
import dev.imagestreams.engine.testing.ImportKeys;
import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.testing.References;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleQueueTest {
  static final Duration INTERVAL = Duration.ofMinutes(15);
  static final Instant START = Instant.parse("2026-11-26T12:00:00Z");

  static ImportKey key(int n) {
    return ImportKeys.anonymous("quay.io", "quay.io/org/app:" + n);
  }

  static StreamTag tag(String stream, String tag) {
    return new StreamTag(new StreamId("ns", stream), tag);
  }

  static void subscribe(ScheduleQueue q, StreamTag t, ImportKey k, Instant now) {
    q.subscribe(t, k, References.image(k.reference()), Access.anonymous(), now);
  }

  @Test
  void aMassArrivalIsSpreadEvenlyOverTheIntervalAfterAHalfInterval() {
    ScheduleQueue q = new ScheduleQueue(INTERVAL);
    int n = 1000;
    for (int i = 0; i < n; i++) {
      subscribe(q, tag("s" + i, "t"), key(i), START);
    }
    Instant earliest = START.plus(INTERVAL.dividedBy(2));
    assertThat(q.due(earliest.minusMillis(1))).as("nothing fires at once").isEmpty();
    List<Long> offsets = new ArrayList<>();
    for (ScheduleQueue.Entry e : q.due(START.plus(INTERVAL.multipliedBy(2)))) {
      assertThat(e.nextDue()).isBetween(earliest, earliest.plus(INTERVAL));
      offsets.add(Duration.between(earliest, e.nextDue()).toMillis());
    }
    assertThat(offsets).hasSize(n);
    // every 1/10 of the interval holds about a tenth of the checks
    long slice = INTERVAL.toMillis() / 10;
    for (int s = 0; s < 10; s++) {
      long lo = s * slice;
      long count = offsets.stream().filter(o -> o >= lo && o < lo + slice).count();
      assertThat(count).as("slice %d", s).isBetween(80L, 120L);
    }
  }

  @Test
  void tagsSharingAReferenceShareOneEntry() {
    ScheduleQueue q = new ScheduleQueue(INTERVAL);
    for (int i = 0; i < 2000; i++) {
      subscribe(q, tag("s" + i, "app"), key(1), START);
    }
    assertThat(q.keys()).isEqualTo(1);
    assertThat(q.subscriptions()).isEqualTo(2000);
    assertThat(q.entry(key(1)).orElseThrow().subscribers()).hasSize(2000);
  }

  @Test
  void checksRepeatEveryIntervalAtTheirPhase() {
    ScheduleQueue q = new ScheduleQueue(INTERVAL);
    subscribe(q, tag("a", "t"), key(1), START);
    Instant first = q.nextDue().orElseThrow();
    assertThat(q.started(key(1), first)).isZero();
    assertThat(q.nextDue()).contains(first.plus(INTERVAL));
    Instant late = first.plus(INTERVAL).plusSeconds(40);
    assertThat(q.started(key(1), late)).isEqualTo(Duration.ofSeconds(40));
    assertThat(q.nextDue())
        .as("lateness does not shift the phase")
        .contains(first.plus(INTERVAL.multipliedBy(2)));
  }

  @Test
  void deferralMovesOnlyThatEntry() {
    ScheduleQueue q = new ScheduleQueue(INTERVAL);
    subscribe(q, tag("a", "t"), key(1), START);
    subscribe(q, tag("b", "t"), key(2), START);
    Instant late = START.plus(INTERVAL.multipliedBy(2));
    q.defer(key(1), late.plusSeconds(60));
    assertThat(q.due(late)).extracting(ScheduleQueue.Entry::key).containsExactly(key(2));
  }

  @Test
  void leavingRemovesTheEntryWithItsLastSubscriber() {
    ScheduleQueue q = new ScheduleQueue(INTERVAL);
    subscribe(q, tag("a", "t"), key(1), START);
    subscribe(q, tag("b", "t"), key(1), START);
    q.unsubscribe(tag("a", "t"));
    assertThat(q.keys()).isEqualTo(1);
    subscribe(q, tag("b", "t"), key(2), START); // b moves to another reference
    assertThat(q.entry(key(1))).isEmpty();
    assertThat(q.keys()).isEqualTo(1);
    q.unsubscribe(tag("b", "t"));
    assertThat(q.keys()).isZero();
    assertThat(q.nextDue()).isEmpty();
  }

  @Test
  void aNewIntervalAppliesToEveryEntry() {
    ScheduleQueue q = new ScheduleQueue(INTERVAL);
    subscribe(q, tag("a", "t"), key(1), START);
    q.setInterval(Duration.ofMinutes(1), START);
    assertThat(q.nextDue().orElseThrow()).isBetween(START.plusSeconds(30), START.plusSeconds(90));
  }

  @Test
  void phasesFillTheIntervalEvenly() {
    List<Double> phases = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      phases.add(ScheduleQueue.phase(i));
    }
    Collections.sort(phases);
    for (int i = 0; i < 16; i++) {
      assertThat(phases.get(i)).isEqualTo(i / 16.0);
    }
  }
}
