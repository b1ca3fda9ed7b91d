package dev.imagestreams.engine.importer;

import dev.imagestreams.api.v1.TagConditionReason;
import dev.imagestreams.engine.imports.ImportFailure;
import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.engine.imports.ImportOutcome;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.imports.StreamTag;
import dev.imagestreams.engine.planning.TagPlan;
import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.RegistryClient;
import dev.imagestreams.registry.ResolveOptions;
import dev.imagestreams.registry.ResolvedImage;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.http.Cancellation;
import dev.imagestreams.registry.reference.ImageReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Imports asynchronously and delivers results to the tags that asked for them.
 *
 * <p>Requests for equal {@link ImportKey}s are made once: tags that ask while one is in flight join
 * it, and a result younger than {@link #REUSE_WINDOW} serves tags that do not need a fresh one. A
 * result is kept for each tag until its stream's status holds it ({@link #acknowledge}); the stream
 * is reconciled as soon as a result arrives. The scheduled checks deliver through the same mailbox.
 *
 * <p>An import that no tag waits for any more (its streams were deleted) is cancelled: if it has
 * not started, it never sends a request; if it has, it sends no further one.
 */
public final class ImportService {
  /** How long a result may serve other tags that ask for the same key. */
  public static final Duration REUSE_WINDOW = Duration.ofSeconds(30);

  private static final int MAX_RECENT = 10_000;

  /** A result waiting to be written to a tag's status. */
  private record Delivery(ImportKey key, ImportOutcome outcome) {}

  /** An import in flight: the tags waiting for it, how to stop it, and its result. */
  private static final class Flight {
    final Set<StreamTag> subscribers = ConcurrentHashMap.newKeySet();
    final Cancellation cancellation = new Cancellation();
    final CompletableFuture<ImportOutcome> result = new CompletableFuture<>();
  }

  /** Resolves one image: the registry client in production, a fake in unit tests. */
  @FunctionalInterface
  public interface Resolver {
    ResolvedImage resolve(
        ImageReference image, Access access, ResolveOptions options, Cancellation cancellation)
        throws RegistryException;
  }

  private final Resolver resolver;
  private final RegistryLanes lanes;
  private final Clock clock;
  private final ImportListener listener;
  private final Consumer<StreamId> reconcile;

  private volatile boolean stopped;
  private final Map<StreamId, Map<String, Delivery>> inbox = new ConcurrentHashMap<>();
  private final Map<StreamTag, ImportKey> waiting = new ConcurrentHashMap<>();
  private final Map<ImportKey, Flight> inFlight = new ConcurrentHashMap<>();
  private final Map<ImportKey, ImportOutcome> recent =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ImportKey, ImportOutcome> eldest) {
              return size() > MAX_RECENT;
            }
          });

  /**
   * @param client the registry client (a supplier: configuration changes replace it)
   * @param lanes per-registry execution
   * @param clock the clock
   * @param listener observes every completed import (metrics)
   * @param reconcile asks for a stream to be reconciled
   */
  public ImportService(
      Supplier<RegistryClient> client,
      RegistryLanes lanes,
      Clock clock,
      ImportListener listener,
      Consumer<StreamId> reconcile) {
    this(
        (image, access, options, cancellation) -> {
          RegistryClient registry = client.get();
          return registry.resolve(image, access, options, registry.newImport(cancellation));
        },
        lanes,
        clock,
        listener,
        reconcile);
  }

  /** With the registry behind a {@link Resolver} (a fake in unit tests). */
  public ImportService(
      Resolver resolver,
      RegistryLanes lanes,
      Clock clock,
      ImportListener listener,
      Consumer<StreamId> reconcile) {
    this.resolver = resolver;
    this.lanes = lanes;
    this.clock = clock;
    this.listener = listener;
    this.reconcile = reconcile;
  }

  /** The result delivered for the tag, if it is for the tag's current key. */
  public Optional<ImportOutcome> delivered(StreamId stream, String tag, ImportKey key) {
    Map<String, Delivery> forStream = inbox.get(stream);
    Delivery d = forStream == null ? null : forStream.get(tag);
    return d != null && d.key().equals(key) ? Optional.of(d.outcome()) : Optional.empty();
  }

  /** Whether an import for the tag's current key is in flight. */
  public boolean pending(StreamId stream, String tag, ImportKey key) {
    return key.equals(waiting.get(new StreamTag(stream, tag)));
  }

  /**
   * Asks for the tag to be imported. The result is complete at once when a recent one may be reused
   * (the plan does not need a fresh one); otherwise it completes when the import ends, after the
   * result was delivered to the tag and the stream woken. It is cancelled when no tag waits for the
   * import any more.
   */
  public CompletableFuture<ImportOutcome> request(StreamId stream, TagPlan.Import plan) {
    if (stopped) {
      // the engine is stopping: nothing is imported, and no failure reaches a status
      return CompletableFuture.failedFuture(new CancellationException("the engine is stopping"));
    }
    ImportKey key = plan.key();
    StreamTag subscriber = new StreamTag(stream, plan.tag());
    if (!plan.fresh()) {
      ImportOutcome reusable = recent.get(key);
      if (reusable != null && reusable.completedAt().plus(REUSE_WINDOW).isAfter(clock.instant())) {
        put(subscriber, key, reusable);
        return CompletableFuture.completedFuture(reusable);
      }
    }
    waiting.put(subscriber, key);
    Flight[] joined = {null};
    boolean[] started = {false};
    inFlight.compute(
        key,
        (k, flight) -> {
          Flight f = flight == null ? new Flight() : flight;
          started[0] = flight == null;
          f.subscribers.add(subscriber);
          joined[0] = f;
          return f;
        });
    if (started[0]) {
      start(key, joined[0], plan.image(), plan.access());
    }
    return joined[0].result;
  }

  /** Delivers a result obtained elsewhere (the schedule) to a tag and reconciles its stream. */
  public void deliver(StreamTag subscriber, ImportKey key, ImportOutcome outcome) {
    put(subscriber, key, outcome);
    reconcile.accept(subscriber.stream());
  }

  /**
   * Records a result obtained elsewhere (the schedule) so that new tags asking for it may reuse it.
   */
  public void remember(ImportKey key, ImportOutcome outcome) {
    recent.put(key, outcome);
  }

  /** Forgets results that the stream's status now holds (unless newer ones arrived meanwhile). */
  public void acknowledge(StreamId stream, Map<String, ImportOutcome> applied) {
    Map<String, Delivery> forStream = inbox.get(stream);
    if (forStream == null) {
      return;
    }
    applied.forEach(
        (tag, outcome) ->
            forStream.computeIfPresent(tag, (t, d) -> d.outcome() == outcome ? null : d));
    inbox.computeIfPresent(stream, (s, m) -> m.isEmpty() ? null : m);
  }

  /** Forgets everything about a deleted stream, and cancels the imports only it waited for. */
  public void forget(StreamId stream) {
    inbox.remove(stream);
    waiting.keySet().removeIf(st -> st.stream().equals(stream));
    for (ImportKey key : List.copyOf(inFlight.keySet())) {
      inFlight.computeIfPresent(
          key,
          (k, flight) -> {
            flight.subscribers.removeIf(st -> st.stream().equals(stream));
            if (!flight.subscribers.isEmpty()) {
              return flight;
            }
            flight.cancellation.cancel();
            flight.result.cancel(false);
            return null;
          });
    }
  }

  /**
   * Cancels every import in flight and takes no new one (the engine is stopping): none sends a
   * further request or delivers a result.
   *
   * @return how many were in flight
   */
  public int cancelAll() {
    stopped = true;
    int cancelled = 0;
    for (ImportKey key : List.copyOf(inFlight.keySet())) {
      Flight flight = inFlight.remove(key);
      if (flight != null) {
        flight.cancellation.cancel();
        flight.result.cancel(false);
        cancelled++;
      }
    }
    waiting.clear();
    return cancelled;
  }

  /** Whether any tag of the stream waits for an import, for tests. */
  public boolean waitsFor(StreamId stream) {
    return waiting.keySet().stream().anyMatch(st -> st.stream().equals(stream));
  }

  /** Imports in flight, for metrics and tests. */
  public int inFlight() {
    return inFlight.size();
  }

  private void put(StreamTag subscriber, ImportKey key, ImportOutcome outcome) {
    inbox
        .computeIfAbsent(subscriber.stream(), s -> new ConcurrentHashMap<>())
        .put(subscriber.tag(), new Delivery(key, outcome));
  }

  private void start(ImportKey key, Flight flight, ImageReference image, Access access) {
    Instant started = clock.instant();
    lanes
        .submit(
            key.registry(),
            RegistryLanes.Priority.ON_DEMAND,
            () -> resolver.resolve(image, access, key.resolveOptions(), flight.cancellation))
        .handle((resolved, error) -> outcome(resolved, error))
        .thenAccept(outcome -> finish(key, flight, outcome, started));
  }

  private ImportOutcome outcome(ResolvedImage resolved, Throwable error) {
    Instant now = clock.instant();
    if (error == null) {
      return ImportOutcome.success(resolved, now);
    }
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof RegistryException e) {
      return ImportOutcome.failure(ImportFailure.from(e), now);
    }
    return ImportOutcome.failure(
        ImportFailure.permanent(
            TagConditionReason.INTERNAL_ERROR, "unexpected error while importing: " + cause),
        now);
  }

  private void finish(ImportKey key, Flight flight, ImportOutcome outcome, Instant started) {
    inFlight.remove(key, flight);
    if (flight.cancellation.isCancelled()) {
      flight.result.cancel(false);
      return; // nobody waits for it
    }
    recent.put(key, outcome);
    listener.imported(key, outcome, Duration.between(started, outcome.completedAt()), false);
    Set<StreamId> streams = new HashSet<>();
    for (StreamTag subscriber : flight.subscribers) {
      if (waiting.remove(subscriber, key)) {
        put(subscriber, key, outcome);
        streams.add(subscriber.stream());
      }
    }
    flight.result.complete(outcome);
    streams.forEach(reconcile);
  }
}
