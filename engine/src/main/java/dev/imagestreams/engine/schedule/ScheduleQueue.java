package dev.imagestreams.engine.schedule;

import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.imports.StreamTag;
import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.reference.ImageReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When each scheduled reference is checked next. Pure (time is passed in), not thread-safe.
 *
 * <p>One entry per {@link ImportKey}, shared by every tag that tracks it, so a reference is checked
 * once per interval however many streams use it. Each entry gets a phase in the interval from a
 * low-discrepancy sequence, so entries are spread evenly over the interval however many arrive at
 * once (a restart, a mass apply); its first check is at its phase, at least half an interval after
 * it was added, and later checks one interval apart.
 */
public final class ScheduleQueue {
  /** A scheduled reference and the tags that track it. */
  public static final class Entry {
    private final ImportKey key;
    private final long sequence;
    private final double phase;
    private ImageReference image;
    private Access access;
    private Instant nextDue;
    private final Set<StreamTag> subscribers = new HashSet<>();

    Entry(ImportKey key, long sequence, double phase) {
      this.key = key;
      this.sequence = sequence;
      this.phase = phase;
    }

    public ImportKey key() {
      return key;
    }

    public ImageReference image() {
      return image;
    }

    public Access access() {
      return access;
    }

    public Instant nextDue() {
      return nextDue;
    }

    public double phase() {
      return phase;
    }

    public Set<StreamTag> subscribers() {
      return Set.copyOf(subscribers);
    }
  }

  private static final Comparator<Entry> BY_DUE =
      Comparator.comparing((Entry e) -> e.nextDue).thenComparingLong(e -> e.sequence);

  private Duration interval;
  private long added;
  private final Map<ImportKey, Entry> entries = new HashMap<>();
  private final Map<StreamTag, ImportKey> subscriptions = new HashMap<>();
  private final Map<StreamId, Set<StreamTag>> byStream = new HashMap<>();
  private final TreeSet<Entry> byDue = new TreeSet<>(BY_DUE);

  public ScheduleQueue(Duration interval) {
    this.interval = interval;
  }

  /** Makes the tag track the key (and stop tracking any other). */
  public void subscribe(
      StreamTag tag, ImportKey key, ImageReference image, Access access, Instant now) {
    ImportKey previous = subscriptions.put(tag, key);
    if (previous != null && !previous.equals(key)) {
      leave(tag, previous);
    }
    byStream.computeIfAbsent(tag.stream(), s -> new HashSet<>()).add(tag);
    Entry entry = entries.get(key);
    if (entry == null) {
      entry = new Entry(key, added, phase(added));
      added++;
      entry.nextDue = aligned(entry.phase, now.plus(interval.dividedBy(2)));
      entries.put(key, entry);
      byDue.add(entry);
    }
    entry.image = image;
    entry.access = access;
    entry.subscribers.add(tag);
  }

  /** Stops the tag's tracking. */
  public void unsubscribe(StreamTag tag) {
    ImportKey key = subscriptions.remove(tag);
    if (key != null) {
      leave(tag, key);
      Set<StreamTag> tags = byStream.get(tag.stream());
      tags.remove(tag);
      if (tags.isEmpty()) {
        byStream.remove(tag.stream());
      }
    }
  }

  /** The tags a stream has subscribed, for replacing them. */
  public Set<StreamTag> subscriptionsOf(StreamId stream) {
    Set<StreamTag> tags = byStream.get(stream);
    return tags == null ? Set.of() : Set.copyOf(tags);
  }

  /** The entries due at {@code now}, earliest first. */
  public List<Entry> due(Instant now) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : byDue) {
      if (e.nextDue.isAfter(now)) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  /**
   * Records that the entry's check started: its next check is one interval on, at its phase.
   *
   * @return how late the check started
   */
  public Duration started(ImportKey key, Instant now) {
    Entry e = entries.get(key);
    if (e == null) {
      return Duration.ZERO;
    }
    Duration lag = Duration.between(e.nextDue, now);
    move(e, aligned(e.phase, now.plus(interval.dividedBy(2))));
    return lag.isNegative() ? Duration.ZERO : lag;
  }

  /** Keeps the entry from running before {@code until} (its registry is backing off). */
  public void defer(ImportKey key, Instant until) {
    Entry e = entries.get(key);
    if (e != null && e.nextDue.isBefore(until)) {
      move(e, until);
    }
  }

  /** Makes the entry due at {@code at} if that is sooner than its next turn. */
  public void recheck(ImportKey key, Instant at) {
    Entry e = entries.get(key);
    if (e != null && at.isBefore(e.nextDue)) {
      move(e, at);
    }
  }

  /** The earliest due time, if any entry exists. */
  public Optional<Instant> nextDue() {
    return byDue.isEmpty() ? Optional.empty() : Optional.of(byDue.first().nextDue);
  }

  /** Changes the interval; every entry moves to its phase in the new interval. */
  public void setInterval(Duration newInterval, Instant now) {
    if (newInterval.equals(interval)) {
      return;
    }
    interval = newInterval;
    for (Entry e : new ArrayList<>(byDue)) {
      move(e, aligned(e.phase, now.plus(interval.dividedBy(2))));
    }
  }

  public Duration interval() {
    return interval;
  }

  /** Distinct references scheduled. */
  public int keys() {
    return entries.size();
  }

  /** Tags scheduled. */
  public int subscriptions() {
    return subscriptions.size();
  }

  public Optional<Entry> entry(ImportKey key) {
    return Optional.ofNullable(entries.get(key));
  }

  private void leave(StreamTag tag, ImportKey key) {
    Entry e = entries.get(key);
    if (e == null) {
      return;
    }
    e.subscribers.remove(tag);
    if (e.subscribers.isEmpty()) {
      entries.remove(key);
      byDue.remove(e);
    }
  }

  private void move(Entry e, Instant due) {
    byDue.remove(e);
    e.nextDue = due;
    byDue.add(e);
  }

  /** The first instant at or after {@code earliest} that falls on the phase. */
  Instant aligned(double phase, Instant earliest) {
    long period = interval.toMillis();
    long offset = (long) (phase * period);
    long t = earliest.toEpochMilli();
    long base = Math.floorDiv(t - offset, period) * period + offset;
    if (base < t) {
      base += period;
    }
    return Instant.ofEpochMilli(base);
  }

  /** The van der Corput sequence in base 2: 0, 1/2, 1/4, 3/4, 1/8, ... evenly fills [0, 1). */
  static double phase(long n) {
    return (Long.reverse(n) >>> 1) / (double) (1L << 62) / 2.0;
  }
}
