package dev.imagestreams.engine.importer;

import dev.imagestreams.engine.config.RegistryLimits;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs registry work per registry host: at most {@code maxConcurrent} imports talk to one host at a
 * time (excess work waits in that host's queue without holding a thread), and a host that answered
 * 429 or failed is left alone for a while ({@link HostBackoff}). One slow or rate-limited registry
 * therefore never delays another.
 *
 * <p>Users' imports go first, but scheduled checks keep a share of each host's lanes ({@link
 * #scheduledShare}): while one waits, a lane that frees goes to it unless that many checks already
 * run, so a bulk of imports from a registry delays its scheduled checks by at most one import's
 * time, not by the whole bulk. With one lane the two kinds take turns.
 *
 * <p>Work submitted for a host that is backing off fails at once with the backoff as its error, so
 * the tag's condition says so and the import is retried when the backoff ends. Once {@linkplain
 * #stop() stopped}, work waiting or submitted fails as cancelled and nothing new starts.
 */
public final class RegistryLanes {
  /** Who asked: users' changes go first. */
  public enum Priority {
    ON_DEMAND,
    SCHEDULED
  }

  private final ExecutorService workers;
  private final Clock clock;
  private final Function<String, RegistryLimits> limits;
  private final ExponentialBackoff outageBackoff;
  private final Supplier<Duration> longestOutageStep;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param outageBackoff how long a host that failed is left alone, step by step
   * @param longestOutageStep the longest step (the scheduled interval)
   */
  public RegistryLanes(
      ExecutorService workers,
      Clock clock,
      Function<String, RegistryLimits> limits,
      ExponentialBackoff outageBackoff,
      Supplier<Duration> longestOutageStep) {
    this.workers = workers;
    this.clock = clock;
    this.limits = limits;
    this.outageBackoff = outageBackoff;
    this.longestOutageStep = longestOutageStep;
  }

  /**
   * Runs the work for the registry host when the host has room.
   *
   * @return the work's result; a {@link RegistryException} is recorded against the host
   */
  public <T> CompletableFuture<T> submit(String registry, Priority priority, Callable<T> work) {
    Lane lane = lanes.computeIfAbsent(registry, Lane::new);
    CompletableFuture<T> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(stopping());
      return result;
    }
    Optional<RegistryException> refusal = lane.refusal(clock.instant());
    if (refusal.isPresent()) {
      result.completeExceptionally(refusal.get());
      return result;
    }
    lane.enqueue(
        new Work(
            priority,
            () -> run(lane, work, result),
            () -> result.completeExceptionally(stopping())));
    return result;
  }

  /**
   * How many of a host's {@code maxConcurrent} lanes scheduled checks may take ahead of users'
   * imports: a quarter, at least one.
   */
  static int scheduledShare(int maxConcurrent) {
    return Math.max(1, maxConcurrent / 4);
  }

  /**
   * Stops: work that waits for a lane fails as cancelled, new work fails at once, and nothing new
   * starts; work under way finishes (its imports are cancelled by their owners).
   *
   * @return how much work was running or waiting
   */
  public int stop() {
    closed = true;
    int cut = 0;
    for (Lane lane : lanes.values()) {
      cut += lane.abandon();
    }
    return cut;
  }

  private static RegistryException stopping() {
    return RegistryException.of(ErrorKind.CANCELLED, "the import engine is stopping");
  }

  /** Work waiting for a lane: what it is for, what to run, and how to fail it unrun. */
  private record Work(Priority priority, Runnable run, Runnable abandon) {}

  /** Until when the host is backing off, if it is. */
  public Optional<Instant> backoffUntil(String registry) {
    Lane lane = lanes.get(registry);
    return lane == null ? Optional.empty() : lane.backoffUntil(clock.instant());
  }

  /** Work waiting for a host, for metrics. */
  public int queued(String registry) {
    Lane lane = lanes.get(registry);
    return lane == null ? 0 : lane.queued();
  }

  private <T> void run(Lane lane, Callable<T> work, CompletableFuture<T> result) {
    try {
      Optional<RegistryException> refusal = lane.refusal(clock.instant());
      if (refusal.isPresent()) {
        result.completeExceptionally(
            refusal.get()); // the host started backing off while this waited
        return;
      }
      Instant started = clock.instant();
      try {
        T value = work.call();
        lane.record(null, started);
        result.complete(value);
      } catch (RegistryException e) {
        lane.record(e, started);
        result.completeExceptionally(e);
      }
    } catch (Exception | Error e) {
      result.completeExceptionally(e);
    }
  }

  /** One host's queue and state. */
  private final class Lane {
    private final String registry;
    private final Queue<Work> onDemand = new ArrayDeque<>();
    private final Queue<Work> scheduled = new ArrayDeque<>();
    private final HostBackoff backoff =
        new HostBackoff(outageBackoff, () -> ThreadLocalRandom.current().nextDouble());
    private int activeOnDemand;
    private int activeScheduled;
    private Priority last = Priority.SCHEDULED;

    Lane(String registry) {
      this.registry = registry;
    }

    synchronized Optional<RegistryException> refusal(Instant now) {
      return backoff.refusal(registry, now);
    }

    synchronized Optional<Instant> backoffUntil(Instant now) {
      return backoff.until(now);
    }

    synchronized int queued() {
      return onDemand.size() + scheduled.size();
    }

    void enqueue(Work work) {
      synchronized (this) {
        (work.priority() == Priority.ON_DEMAND ? onDemand : scheduled).add(work);
      }
      drain();
    }

    private void finished(Priority priority) {
      release(priority);
      drain();
    }

    private synchronized void release(Priority priority) {
      if (priority == Priority.ON_DEMAND) {
        activeOnDemand--;
      } else {
        activeScheduled--;
      }
    }

    /** Fails the waiting work unrun; says how much was waiting or running. */
    int abandon() {
      List<Work> waiting = new ArrayList<>();
      int running;
      synchronized (this) {
        waiting.addAll(onDemand);
        waiting.addAll(scheduled);
        onDemand.clear();
        scheduled.clear();
        running = activeOnDemand + activeScheduled;
      }
      waiting.forEach(w -> w.abandon().run());
      return waiting.size() + running;
    }

    synchronized void record(RegistryException failure, Instant started) {
      backoff.record(failure, clock.instant(), started, longestOutageStep.get());
    }

    private void drain() {
      while (!closed) {
        Work next;
        synchronized (this) {
          int limit = limits.apply(registry).maxConcurrent();
          if (activeOnDemand + activeScheduled >= limit) {
            return;
          }
          next = next(limit);
          if (next == null) {
            return;
          }
          last = next.priority();
          if (next.priority() == Priority.ON_DEMAND) {
            activeOnDemand++;
          } else {
            activeScheduled++;
          }
        }
        start(next);
      }
    }

    /** Which waiting work takes the free lane (see the class comment); null for none. */
    private Work next(int limit) {
      if (onDemand.isEmpty() || scheduled.isEmpty()) {
        return onDemand.isEmpty() ? scheduled.poll() : onDemand.poll();
      }
      boolean scheduledNext =
          limit == 1 ? last == Priority.ON_DEMAND : activeScheduled < scheduledShare(limit);
      return scheduledNext ? scheduled.poll() : onDemand.poll();
    }

    private void start(Work work) {
      try {
        workers.execute(
            () -> {
              try {
                work.run().run();
              } finally {
                finished(work.priority());
              }
            });
      } catch (RejectedExecutionException stopped) {
        work.abandon().run();
        release(work.priority());
      }
    }
  }
}
