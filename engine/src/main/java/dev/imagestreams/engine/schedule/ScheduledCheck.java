package dev.imagestreams.engine.schedule;

import dev.imagestreams.engine.importer.ImportListener;
import dev.imagestreams.engine.importer.ImportService;
import dev.imagestreams.engine.importer.RegistryLanes;
import dev.imagestreams.engine.imports.ImportFailure;
import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.engine.imports.ImportOutcome;
import dev.imagestreams.engine.imports.StreamTag;
import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.ManifestHead;
import dev.imagestreams.registry.RegistryClient;
import dev.imagestreams.registry.ResolveOptions;
import dev.imagestreams.registry.ResolvedImage;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.http.Cancellation;
import dev.imagestreams.registry.http.ImportBudget;
import dev.imagestreams.registry.reference.ImageReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduled check of a reference: a {@code HEAD}; when the digest differs from what a tracking
 * tag holds, the {@code GET}s its metadata needs (once, for all tags, and only as the {@link
 * ScheduledImportCap} allows: otherwise the reference is checked again when it does); then the
 * result is delivered to exactly the tags it changes. An unchanged reference costs one {@code HEAD}
 * and no Kubernetes write.
 */
public final class ScheduledCheck implements ImportScheduler.CheckRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduledCheck.class);

  /**
   * One check's registry calls, which share one import budget: the registry client in production, a
   * fake in unit tests.
   */
  interface Registry {
    ManifestHead head(ImageReference image, Access access) throws RegistryException;

    ResolvedImage resolve(
        ImageReference image, ManifestHead head, Access access, ResolveOptions options)
        throws RegistryException;

    /** Whether the digest the {@code HEAD} found is resolved already: no download needed. */
    boolean knows(ImageReference image, ManifestHead head, ResolveOptions options);
  }

  /** Opens the {@link Registry} of one check. */
  @FunctionalInterface
  interface Registries {
    /**
     * @param onFirstRequest runs when the check's first request is sent
     */
    Registry forCheck(Runnable onFirstRequest);
  }

  private final Registries registries;
  private final RegistryLanes lanes;
  private final ImportService imports;
  private final ScheduledImportCap cap;
  private final Function<StreamTag, Optional<TagState>> states;
  private final ImportListener listener;
  private final ImportScheduler.Listener lag;
  private final Clock clock;

  /**
   * @param cap the cluster-wide cap on scheduled imports
   * @param states what each tag's status currently holds (from the informer cache)
   * @param listener observes the checks' results
   * @param lag observes how late each check's first request goes out
   */
  public ScheduledCheck(
      Supplier<RegistryClient> client,
      RegistryLanes lanes,
      ImportService imports,
      ScheduledImportCap cap,
      Function<StreamTag, Optional<TagState>> states,
      ImportListener listener,
      ImportScheduler.Listener lag,
      Clock clock) {
    this(
        onFirstRequest -> {
          RegistryClient registry = client.get();
          // one deadline for the HEAD and the GETs
          ImportBudget budget =
              registry.newImport(Cancellation.never()).onFirstRequest(onFirstRequest);
          return new Registry() {
            @Override
            public ManifestHead head(ImageReference image, Access access) throws RegistryException {
              return registry.head(image, access, budget);
            }

            @Override
            public ResolvedImage resolve(
                ImageReference image, ManifestHead head, Access access, ResolveOptions options)
                throws RegistryException {
              return registry.resolve(image, head, access, options, budget);
            }

            @Override
            public boolean knows(ImageReference image, ManifestHead head, ResolveOptions options) {
              return head.digest() != null
                  && registry.cached(image, head.digest(), options) != null;
            }
          };
        },
        lanes,
        imports,
        cap,
        states,
        listener,
        lag,
        clock);
  }

  /** With the registry behind a {@link Registry}, for unit tests. */
  ScheduledCheck(
      Registries registries,
      RegistryLanes lanes,
      ImportService imports,
      ScheduledImportCap cap,
      Function<StreamTag, Optional<TagState>> states,
      ImportListener listener,
      ImportScheduler.Listener lag,
      Clock clock) {
    this.registries = registries;
    this.lanes = lanes;
    this.imports = imports;
    this.cap = cap;
    this.states = states;
    this.listener = listener;
    this.lag = lag;
    this.clock = clock;
  }

  /**
   * Checks the entry's reference and delivers news to the tags it changes.
   *
   * @return when to check again, if the cap kept a new digest from being imported now
   */
  @Override
  public CompletableFuture<Optional<Instant>> run(
      ScheduleQueue.Entry entry, Set<StreamTag> subscribers, Instant due) {
    ImportKey key = entry.key();
    Instant started = clock.instant();
    Runnable onWire = () -> lag.started(key, Duration.between(due, clock.instant()));
    return lanes
        .submit(
            key.registry(),
            RegistryLanes.Priority.SCHEDULED,
            () -> check(entry, key, subscribers, started, onWire))
        .exceptionally(
            e -> {
              Throwable failure =
                  e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              // a RegistryException is expected: the lane refused (the registry is backing off),
              // or the registry failed and the tags were told; either way the reference is
              // checked again on its next turn
              if (!(failure instanceof RegistryException)) {
                LOG.error(
                    "scheduled check of {} failed unexpectedly; it is checked again on its next turn",
                    key.reference(),
                    failure);
              }
              return Optional.empty();
            });
  }

  private Optional<Instant> check(
      ScheduleQueue.Entry entry,
      ImportKey key,
      Set<StreamTag> subscribers,
      Instant started,
      Runnable onWire)
      throws RegistryException {
    Registry registry = registries.forCheck(onWire);
    ImportOutcome outcome;
    List<StreamTag> affected = new ArrayList<>();
    try {
      ManifestHead head = registry.head(entry.image(), entry.access());
      String digest = head.digest() == null ? null : head.digest().toString();
      for (StreamTag tag : subscribers) {
        states.apply(tag).filter(s -> s.changedBy(digest)).ifPresent(s -> affected.add(tag));
      }
      if (affected.isEmpty()) {
        listener.imported(key, null, Duration.between(started, clock.instant()), true);
        return Optional.empty();
      }
      if (!registry.knows(entry.image(), head, key.resolveOptions())) {
        Optional<Instant> capped = cap.admit(clock.instant());
        if (capped.isPresent()) {
          LOG.debug(
              "{} has a new digest; the cap on scheduled imports allows its download at {}",
              key.reference(),
              capped.get());
          return capped;
        }
      }
      ResolvedImage image =
          registry.resolve(entry.image(), head, entry.access(), key.resolveOptions());
      outcome = ImportOutcome.success(image, clock.instant());
    } catch (RegistryException e) {
      ImportFailure failure = ImportFailure.from(e);
      outcome = ImportOutcome.failure(failure, clock.instant());
      affected.clear();
      for (StreamTag tag : subscribers) {
        states
            .apply(tag)
            .filter(s -> s.changedByFailure(failure.reason(), failure.message()))
            .ifPresent(s -> affected.add(tag));
      }
      deliver(key, outcome, affected, started);
      throw e; // lets the registry's lane back off
    }
    deliver(key, outcome, affected, started);
    return Optional.empty();
  }

  private void deliver(
      ImportKey key, ImportOutcome outcome, List<StreamTag> affected, Instant started) {
    imports.remember(key, outcome);
    listener.imported(key, outcome, Duration.between(started, outcome.completedAt()), true);
    for (StreamTag tag : affected) {
      imports.deliver(tag, key, outcome);
    }
  }
}
