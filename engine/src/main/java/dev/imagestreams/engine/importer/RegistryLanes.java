package dev.imagestreams.engine.importer;

import dev.imagestreams.engine.config.RegistryLimits;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RateLimitInfo;
import dev.imagestreams.registry.error.RegistryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Runs registry work per registry host: at most {@code maxConcurrent} imports talk to one host at a
 * time (excess work waits in that host's queue, on-demand before scheduled, without holding a
 * thread), and a host that answered 429 or failed is left alone for a while ({@link HostBackoff}).
 * One slow or rate-limited registry therefore never delays another.
 *
 * <p>Work submitted for a host that is backing off fails at once with the backoff as its error, so
 * the tag's condition says so and the import is retried when the backoff ends.
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
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

  /**
   * @param outageBackoff how long a host that failed is left alone, step by step
   */
  public RegistryLanes(
      ExecutorService workers,
      Clock clock,
      Function<String, RegistryLimits> limits,
      ExponentialBackoff outageBackoff) {
    this.workers = workers;
    this.clock = clock;
    this.limits = limits;
    this.outageBackoff = outageBackoff;
  }

  /**
   * Runs the work for the registry host when the host has room.
   *
   * @return the work's result; a {@link RegistryException} is recorded against the host
   */
  public <T> CompletableFuture<T> submit(String registry, Priority priority, Callable<T> work) {
    Lane lane = lanes.computeIfAbsent(registry, Lane::new);
    CompletableFuture<T> result = new CompletableFuture<>();
    Optional<RegistryException> refusal = lane.refusal(clock.instant());
    if (refusal.isPresent()) {
      result.completeExceptionally(refusal.get());
      return result;
    }
    lane.enqueue(priority, () -> run(lane, work, result));
    return result;
  }

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
    } finally {
      lane.finished();
    }
  }

  /** One host's queue and state. */
  private final class Lane {
    private final String registry;
    private final Queue<Runnable> onDemand = new ArrayDeque<>();
    private final Queue<Runnable> scheduled = new ArrayDeque<>();
    private final HostBackoff backoff =
        new HostBackoff(outageBackoff, () -> ThreadLocalRandom.current().nextDouble());
    private int active;

    Lane(String registry) {
      this.registry = registry;
    }

    synchronized Optional<RegistryException> refusal(Instant now) {
      return backoff
          .until(now)
          .map(
              until -> {
                Duration wait = Duration.between(now, until);
                String message =
                    "registry "
                        + registry
                        + " is "
                        + backoff.cause()
                        + ": not contacting it again before "
                        + until
                        + " ("
                        + Math.max(1, wait.toSeconds())
                        + "s)";
                ErrorKind kind =
                    backoff.cause().startsWith("rate")
                        ? ErrorKind.RATE_LIMITED
                        : ErrorKind.UNAVAILABLE;
                return RegistryException.fromResponse(
                    kind,
                    message,
                    0,
                    null,
                    new RateLimitInfo(
                        Optional.of(wait),
                        OptionalLong.empty(),
                        OptionalLong.empty(),
                        Optional.empty()));
              });
    }

    synchronized Optional<Instant> backoffUntil(Instant now) {
      return backoff.until(now);
    }

    synchronized int queued() {
      return onDemand.size() + scheduled.size();
    }

    void enqueue(Priority priority, Runnable task) {
      synchronized (this) {
        (priority == Priority.ON_DEMAND ? onDemand : scheduled).add(task);
      }
      drain();
    }

    void finished() {
      synchronized (this) {
        active--;
      }
      drain();
    }

    synchronized void record(RegistryException failure, Instant started) {
      Instant now = clock.instant();
      if (failure == null) {
        backoff.succeeded();
      } else if (failure.kind() == ErrorKind.CANCELLED) {
        return; // nobody wanted it: says nothing about the registry
      } else if (failure.kind() == ErrorKind.RATE_LIMITED) {
        backoff.rateLimited(now, failure.rateLimit().suggestedBackoff());
      } else if (failure.kind() == ErrorKind.UNAVAILABLE) {
        backoff.unavailable(now, started);
      } else {
        backoff.succeeded(); // the registry answered; the request was wrong
      }
    }

    private void drain() {
      while (true) {
        Runnable next;
        synchronized (this) {
          if (active >= limits.apply(registry).maxConcurrent()) {
            return;
          }
          next = onDemand.poll();
          if (next == null) {
            next = scheduled.poll();
          }
          if (next == null) {
            return;
          }
          active++;
        }
        workers.execute(next);
      }
    }
  }
}
