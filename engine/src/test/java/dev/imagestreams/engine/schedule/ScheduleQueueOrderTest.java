package dev.imagestreams.engine.schedule;

import static dev.imagestreams.engine.schedule.ScheduleQueueTest.INTERVAL;
import static dev.imagestreams.engine.schedule.ScheduleQueueTest.START;
import static dev.imagestreams.engine.schedule.ScheduleQueueTest.key;
import static dev.imagestreams.engine.schedule.ScheduleQueueTest.subscribe;
import static dev.imagestreams.engine.schedule.ScheduleQueueTest.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.reference.ImageReference;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The schedule queue's order and phases with a fixed clock: entries take the phases 0, 1/2, 1/4,
 * 3/4 of the interval in the order they join, entries due at the same instant are all due then (in
 * the order they joined), and what an entry keeps of its subscription.
 */
class ScheduleQueueOrderTest {
  private static final Instant HALF = START.plus(INTERVAL.dividedBy(2));

  @Test
  void entriesTakeTheVanDerCorputPhasesInTheOrderTheyJoin() {
    ScheduleQueue q = new ScheduleQueue(INTERVAL);
    for (int i = 0; i < 4; i++) {
      subscribe(q, tag("s" + i, "t"), key(i), START);
    }
    assertThat(q.entry(key(0)).orElseThrow().phase()).isEqualTo(0.0);
    assertThat(q.entry(key(1)).orElseThrow().phase()).isEqualTo(0.5);
    assertThat(q.entry(key(2)).orElseThrow().phase()).isEqualTo(0.25);
    assertThat(q.entry(key(3)).orElseThrow().phase()).isEqualTo(0.75);
    // the first instant on each phase (counted from the epoch, so on 15-minute marks for phase 0)
    // at least half an interval after joining at 12:00
    assertThat(q.due(HALF.plus(INTERVAL)))
        .extracting(
            e -> e.key().reference().substring(e.key().reference().length() - 1),
            e -> e.nextDue().toString())
        .containsExactly(
            tuple("1", "2026-11-26T12:07:30Z"),
            tuple("3", "2026-11-26T12:11:15Z"),
            tuple("0", "2026-11-26T12:15:00Z"),
            tuple("2", "2026-11-26T12:18:45Z"));
  }

  @Test
  void entriesDeferredToTheSameInstantAreAllDueThenInTheOrderTheyJoined() {
    ScheduleQueue q = new ScheduleQueue(INTERVAL);
    subscribe(q, tag("a", "t"), key(1), START);
    subscribe(q, tag("b", "t"), key(2), START);
    subscribe(q, tag("c", "t"), key(3), START);
    Instant until = START.plus(Duration.ofHours(1));
    q.defer(key(3), until);
    q.defer(key(2), until);
    q.defer(key(1), until);
    assertThat(q.due(until.minusMillis(1))).isEmpty();
    assertThat(q.due(until))
        .extracting(ScheduleQueue.Entry::key)
        .containsExactly(key(1), key(2), key(3));
    assertThat(q.nextDue()).contains(until);
  }

  @Test
  void anEntryKeepsTheLatestImageAndAccessOfItsSubscribers() throws Exception {
    ScheduleQueue q = new ScheduleQueue(INTERVAL);
    Access insecure = Access.anonymous(true);
    q.subscribe(tag("a", "t"), key(1), ImageReference.parse(key(1).reference()), insecure, START);
    ScheduleQueue.Entry entry = q.entry(key(1)).orElseThrow();
    assertThat(entry.access()).isEqualTo(insecure);
    assertThat(entry.image()).isEqualTo(ImageReference.parse(key(1).reference()));
  }

  @Test
  void aCheckOfAnUnknownEntryStartedOnTimeAndChangesNothing() {
    ScheduleQueue q = new ScheduleQueue(INTERVAL);
    assertThat(q.started(key(9), START)).isEqualTo(Duration.ZERO);
    assertThat(q.nextDue()).isEmpty();
  }

  @Test
  void aNewIntervalIsKept() {
    ScheduleQueue q = new ScheduleQueue(INTERVAL);
    q.setInterval(Duration.ofMinutes(5), START);
    assertThat(q.interval()).isEqualTo(Duration.ofMinutes(5));
  }
}
