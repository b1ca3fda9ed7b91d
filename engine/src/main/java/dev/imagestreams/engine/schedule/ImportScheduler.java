package dev.imagestreams.engine.schedule;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.imports.StreamTag;
import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.reference.ImageReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scheduled checks: one thread takes due references from the {@link ScheduleQueue} and starts
 * their checks, skipping registries that are backing off (they are deferred until their backoff
 * ends) so that one registry never holds up another. A check that could not import now (the {@link
 * ScheduledImportCap} was spent) names when to look again, and the reference is due then.
 */
public final class ImportScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImportScheduler.class);
  private static final Duration IDLE = Duration.ofMinutes(1);

  /** A tag to schedule: its key and how to reach its registry. */
  public record ScheduledTag(ImportKey key, ImageReference image, Access access) {}

  /** Runs one check of a due reference (the real one is {@link ScheduledCheck}). */
  @FunctionalInterface
  public interface CheckRunner {
    /**
     * @param due when the check was due, from which its lag is measured
     * @return when to check the reference again, sooner than its next turn, if it could not be
     *     imported now
     */
    CompletableFuture<Optional<Instant>> run(
        ScheduleQueue.Entry entry, Set<StreamTag> subscribers, Instant due);
  }

  /** Observes the schedule (metrics). */
  public interface Listener {
    Listener NONE = new Listener() {};

    /**
     * A check's first request went to the registry {@code lag} after the check was due: the lag
     * users see, the cluster-wide cap, the registry's lane and its throttle included.
     */
    default void started(ImportKey key, Duration lag) {}
  }

  private final Clock clock;
  private final CheckRunner check;
  private final Function<String, Optional<Instant>> backoff;
  private final Listener listener;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ScheduleQueue queue;
  private final Set<ImportKey> running = ConcurrentHashMap.newKeySet();
  private boolean disabled;
  private volatile boolean stopped;
  private volatile Thread thread;
  private volatile long lastTurn;

  /**
   * @param backoff until when a registry is backing off, if it is
   */
  public ImportScheduler(
      ImportConfig config,
      Clock clock,
      CheckRunner check,
      Function<String, Optional<Instant>> backoff,
      Listener listener) {
    this.clock = clock;
    this.check = check;
    this.backoff = backoff;
    this.listener = listener;
    this.queue = new ScheduleQueue(config.imageImport().scheduledInterval());
    configure(config);
  }

  /** Applies a new configuration (interval, switch) without a restart. */
  public void configure(ImportConfig config) {
    lock.lock();
    try {
      queue.setInterval(config.imageImport().scheduledInterval(), clock.instant());
      disabled = config.imageImport().disableScheduledImport();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Replaces the scheduled tags of a stream. */
  public void track(StreamId stream, Map<String, ScheduledTag> tags) {
    lock.lock();
    try {
      Instant now = clock.instant();
      Set<StreamTag> keep = new HashSet<>();
      tags.forEach(
          (tag, scheduled) -> {
            StreamTag st = new StreamTag(stream, tag);
            keep.add(st);
            queue.subscribe(st, scheduled.key(), scheduled.image(), scheduled.access(), now);
          });
      for (StreamTag st : queue.subscriptionsOf(stream)) {
        if (!keep.contains(st)) {
          queue.unsubscribe(st);
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops scheduling a stream's tags (deleted, or in a privileged namespace). */
  public void untrack(StreamId stream) {
    track(stream, Map.of());
  }

  /** Scheduled tags and distinct references, for metrics. */
  public int trackedTags() {
    return locked(queue::subscriptions);
  }

  public int trackedReferences() {
    return locked(queue::keys);
  }

  /** Whether a stream's tag is on the schedule. */
  public boolean tracks(StreamTag tag) {
    return locked(() -> queue.subscriptionsOf(tag.stream()).contains(tag));
  }

  /** Reads the queue under the lock. */
  private <T> T locked(Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
    }
  }

  /** Checks still running, for tests and benchmarks. */
  public int running() {
    return running.size();
  }

  /** Wakes the loop (after the clock was moved, in benchmarks). */
  public void wakeUp() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether the loop is running and has turned within the given time (it turns at least once a
   * minute).
   */
  public boolean turning(Duration within) {
    Thread t = thread;
    return t != null && t.isAlive() && System.nanoTime() - lastTurn < within.toNanos();
  }

  public void start() {
    stopped = false;
    lastTurn = System.nanoTime();
    thread = new Thread(this::loop, "import-scheduler");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    stopped = true;
    wakeUp();
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void loop() {
    while (!stopped) {
      lastTurn = System.nanoTime();
      lock.lock();
      try {
        Instant wake = startDue(clock.instant());
        long waitNanos = Duration.between(clock.instant(), wake).toNanos();
        if (waitNanos > 0) {
          changed.awaitNanos(Math.min(waitNanos, IDLE.toNanos()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("scheduled import loop failed; continuing", e);
      } finally {
        lock.unlock();
      }
    }
  }

  /** Starts the due checks the registries allow; returns when to look again. */
  Instant runDue(Instant now) {
    lock.lock();
    try {
      return startDue(now);
    } finally {
      lock.unlock();
    }
  }

  private void recheck(ImportKey key, Instant at) {
    lock.lock();
    try {
      queue.recheck(key, at);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private Instant startDue(Instant now) {
    if (disabled) {
      return now.plus(IDLE);
    }
    for (ScheduleQueue.Entry entry : queue.due(now)) {
      ImportKey key = entry.key();
      Optional<Instant> backingOff = backoff.apply(key.registry());
      if (backingOff.isPresent()) {
        queue.defer(key, backingOff.get());
        continue;
      }
      if (running.contains(key)) {
        queue.defer(key, now.plusSeconds(1)); // the previous check of this reference is still going
        continue;
      }
      Instant due = entry.nextDue();
      queue.started(key, now);
      running.add(key);
      check
          .run(entry, entry.subscribers(), due)
          .whenComplete(
              (again, e) -> {
                if (again != null && again.isPresent()) {
                  recheck(key, again.get());
                }
                running.remove(key);
              });
    }
    return queue.nextDue().orElse(now.plus(IDLE));
  }
}
