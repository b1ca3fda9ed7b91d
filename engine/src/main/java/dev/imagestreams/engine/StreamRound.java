package dev.imagestreams.engine;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.importer.ImportService;
import dev.imagestreams.engine.importer.TagAttempts;
import dev.imagestreams.engine.imports.ImportOutcome;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.planning.ImportPlanner;
import dev.imagestreams.engine.planning.StreamLookup;
import dev.imagestreams.engine.planning.StreamPlan;
import dev.imagestreams.engine.planning.TagPlan;
import dev.imagestreams.engine.schedule.ImportScheduler;
import dev.imagestreams.engine.status.StatusComposer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One pass of the import lifecycle over one stream: its plan, and the import outcomes the plan
 * needs, gathered when the round {@linkplain ImportEngine#open opens} (results delivered since the
 * last round, recent results that may be reused, and imports it starts or joins). Then {@link
 * #compose} gives the new status and, once that is written, {@link #settle} records what it applied
 * and says when to look at the stream again.
 *
 * <p>A round is {@linkplain #waiting() waiting} while an import it needs is in flight. A front end
 * that is woken ({@link EngineSettings#wake}) drops it and opens a new round when the import
 * arrives; one that waits instead joins {@link #arrivals()} and composes the same round.
 */
public final class StreamRound {
  private static final Duration SOONEST = Duration.ofSeconds(1);

  private final StreamId id;
  private final ImageStream stream;
  private final StreamPlan plan;
  private final ImportConfig config;
  private final Instant now;
  private final ImportService imports;
  private final TagAttempts attempts;
  private final ImportScheduler scheduler;
  private final Map<String, ImportOutcome> outcomes = new ConcurrentHashMap<>();
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final List<CompletableFuture<Void>> requested = new ArrayList<>();

  StreamRound(
      ImageStream stream,
      StreamPlan plan,
      ImportConfig config,
      Instant now,
      ImportService imports,
      TagAttempts attempts,
      ImportScheduler scheduler) {
    this.id = StreamId.of(stream);
    this.stream = stream;
    this.plan = plan;
    this.config = config;
    this.now = now;
    this.imports = imports;
    this.attempts = attempts;
    this.scheduler = scheduler;
    gather();
  }

  /** For each tag the plan imports: its delivered result, the import in flight, or a new one. */
  private void gather() {
    for (TagPlan.Import imp : plan.imports()) {
      Optional<ImportOutcome> delivered = imports.delivered(id, imp.tag(), imp.key());
      if (delivered.isPresent()) {
        outcomes.put(imp.tag(), delivered.get());
      } else if (imports.pending(id, imp.tag(), imp.key())) {
        pending.add(imp.tag());
      } else if (imp.reason().isPresent()) {
        pending.add(imp.tag());
        requested.add(
            imports
                .request(id, imp)
                .thenAccept(
                    outcome -> {
                      outcomes.put(imp.tag(), outcome);
                      pending.remove(imp.tag());
                    }));
      }
    }
  }

  public StreamId id() {
    return id;
  }

  public StreamPlan plan() {
    return plan;
  }

  /** Whether an import the plan needs is still in flight: the status cannot be composed yet. */
  public boolean waiting() {
    return !pending.isEmpty();
  }

  /**
   * Completes when every import this round started or joined has arrived (exceptionally if one was
   * cancelled). Imports that an earlier round started are not part of it: those wake the stream.
   */
  public CompletableFuture<Void> arrivals() {
    return CompletableFuture.allOf(requested.toArray(CompletableFuture[]::new));
  }

  /**
   * The stream's new status from the outcomes at hand. Pure.
   *
   * @param streams the other streams, for tags that follow theirs
   */
  public ImageStreamStatus compose(StreamLookup streams) {
    return StatusComposer.compose(
            new StatusComposer.Input(
                stream, plan, Map.copyOf(outcomes), Set.copyOf(pending), streams, config, now))
        .status();
  }

  /**
   * Records that {@code status} was written (or was already stored): the outcomes it applied are
   * forgotten, failures remembered for their retries, the scheduled tags tracked.
   *
   * @return when to look at the stream again (a transient failure's retry), if ever
   */
  public Optional<Duration> settle(ImageStreamStatus status) {
    imports.acknowledge(id, outcomes);
    for (TagPlan.Import imp : plan.imports()) {
      ImportOutcome applied = outcomes.get(imp.tag());
      if (applied != null) {
        attempts.record(id, imp.tag(), imp.key(), applied);
      }
    }
    attempts.retain(id, plan.tags().stream().map(TagPlan::tag).collect(Collectors.toSet()));
    scheduler.track(id, scheduled(status));
    return ImportPlanner.nextRetry(plan, status, attempts.of(id), now)
        .map(at -> Duration.between(now, at))
        .map(wait -> wait.compareTo(SOONEST) < 0 ? SOONEST : wait);
  }

  private Map<String, ImportScheduler.ScheduledTag> scheduled(ImageStreamStatus status) {
    Map<String, ImportScheduler.ScheduledTag> out = new LinkedHashMap<>();
    for (TagPlan.Import imp : ImportPlanner.scheduledTags(plan, status)) {
      out.put(imp.tag(), new ImportScheduler.ScheduledTag(imp.key(), imp.image(), imp.access()));
    }
    return out;
  }
}
