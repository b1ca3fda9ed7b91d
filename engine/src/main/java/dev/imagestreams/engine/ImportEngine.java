package dev.imagestreams.engine;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.TagEventCondition;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.importer.ImportService;
import dev.imagestreams.engine.importer.RegistryClients;
import dev.imagestreams.engine.importer.RegistryLanes;
import dev.imagestreams.engine.importer.TagAttempts;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.imports.StreamTag;
import dev.imagestreams.engine.planning.ImportPlanner;
import dev.imagestreams.engine.planning.StreamPlan;
import dev.imagestreams.engine.schedule.ImportScheduler;
import dev.imagestreams.engine.schedule.ScheduledCheck;
import dev.imagestreams.engine.schedule.ScheduledImportCap;
import dev.imagestreams.engine.schedule.TagState;
import dev.imagestreams.engine.status.StatusComposer;
import dev.imagestreams.registry.RegistryClient;
import dev.imagestreams.registry.RegistrySettings;
import dev.imagestreams.registry.auth.CredentialStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import lifecycle of image streams, as one API for the operator and the kubectl plugin: {@link
 * #open} plans a stream and gathers the imports its plan needs (a {@link StreamRound}); the round
 * composes the new status and, once the front end has written it, settles. Registry work runs
 * asynchronously in per-registry lanes shared by every stream; scheduled checks run on their own
 * loop while {@linkplain #startSchedule() started} (on the operator's leader).
 *
 * <p>The engine holds no controller framework, Kubernetes client or metrics library: the front end
 * gives it the configuration, the credentials of each stream's namespace, the streams as stored,
 * and a way to be woken ({@link EngineSettings}).
 */
public final class ImportEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImportEngine.class);

  /** How long requests under way may take to end when the engine stops. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  private final EngineSettings settings;
  private final Clock clock;
  private final AtomicReference<ImportConfig> config = new AtomicReference<>();
  private final AtomicReference<RegistryClient> registry = new AtomicReference<>();
  private final ExecutorService workers;
  private final RegistryLanes lanes;
  private final ImportService imports;
  private final TagAttempts attempts;
  private final ImportScheduler scheduler;
  private final ScheduledImportCap cap;

  /**
   * @param config the configuration to start with ({@link #configure} replaces it)
   * @param settings what the front end gives the engine
   */
  public ImportEngine(ImportConfig config, EngineSettings settings) {
    this(config, settings, null);
  }

  /**
   * With imports resolved by {@code resolver} instead of the registry client (unit tests); the
   * scheduled checks still use the registry client.
   */
  ImportEngine(ImportConfig config, EngineSettings settings, ImportService.Resolver resolver) {
    this.settings = settings;
    this.clock = settings.clock();
    this.config.set(config);
    this.registry.set(newRegistryClient(config));
    this.workers = Executors.newCachedThreadPool(daemonThreads("registry-"));
    this.lanes =
        new RegistryLanes(
            workers,
            clock,
            host -> this.config.get().limitsFor(host),
            settings.backoffs().hostOutages(),
            () -> this.config.get().imageImport().scheduledInterval());
    this.imports =
        resolver == null
            ? new ImportService(registry::get, lanes, clock, settings.listener(), settings.wake())
            : new ImportService(resolver, lanes, clock, settings.listener(), settings.wake());
    this.attempts =
        new TagAttempts(
            settings.backoffs().tagRetries(), () -> ThreadLocalRandom.current().nextDouble());
    this.cap = new ScheduledImportCap(config, clock.instant());
    ScheduledCheck check =
        new ScheduledCheck(
            registry::get,
            lanes,
            imports,
            cap,
            this::tagState,
            settings.listener(),
            settings.listener(),
            clock);
    this.scheduler =
        new ImportScheduler(config, clock, check, lanes::backoffUntil, settings.listener());
  }

  /**
   * Plans the stream and gathers the import outcomes the plan needs, starting the imports that are
   * due.
   *
   * @param stream the stream as stored, with its status
   * @param credentials the pull credentials of the stream's namespace
   */
  public StreamRound open(ImageStream stream, CredentialStore credentials) {
    StreamId id = StreamId.of(stream);
    ImportConfig cfg = config.get();
    var now = clock.instant();
    StreamPlan plan = ImportPlanner.plan(stream, cfg, credentials, attempts.of(id), now);
    return new StreamRound(stream, plan, cfg, now, imports, attempts, scheduler);
  }

  /**
   * The status of a stream the engine must not import for (a privileged namespace): nothing is
   * imported or checked, and the status says why.
   */
  public ImageStreamStatus refuse(ImageStream stream, String why) {
    scheduler.untrack(StreamId.of(stream));
    return StatusComposer.privileged(stream, why, config.get(), clock.instant());
  }

  /**
   * Resolves a set of streams at once and waits for their imports: each is composed after the
   * streams it follows, and streams that follow each other in a circle are composed again until
   * none changes. For front ends without a store of streams (the plugin's {@code resolve}).
   *
   * @param streams the streams, each with a namespace, without status (every tag is new)
   * @param credentials the credentials for all of them
   * @return the status of each stream, by identity, in the order given
   */
  public Map<StreamId, ImageStreamStatus> resolveAll(
      List<ImageStream> streams, CredentialStore credentials) throws InterruptedException {
    return new StreamSet(streams).resolve(stream -> open(stream, credentials));
  }

  /**
   * Forgets a deleted stream: its deliveries, attempts and schedule, and imports only it awaited.
   */
  public void forget(StreamId stream) {
    imports.forget(stream);
    scheduler.untrack(stream);
    attempts.forget(stream);
  }

  /**
   * Applies a new configuration: registry client, schedule. The front end looks at every stream.
   */
  public void configure(ImportConfig next) {
    ImportConfig previous = config.getAndSet(next);
    if (!Objects.equals(previous.registrySources(), next.registrySources())
        || !Objects.equals(previous.additionalTrustedCA(), next.additionalTrustedCA())) {
      registry.set(newRegistryClient(next));
    }
    scheduler.configure(next);
    cap.configure(next, clock.instant());
  }

  public ImportConfig config() {
    return config.get();
  }

  /** Starts the scheduled checks (the operator's leader runs them). */
  public void startSchedule() {
    scheduler.start();
  }

  /** Stops the scheduled checks; imports on demand go on. */
  public void stopSchedule() {
    scheduler.close();
  }

  /** The schedule, for metrics and tests. */
  public ImportScheduler scheduler() {
    return scheduler;
  }

  /** The imports, for tests. */
  public ImportService imports() {
    return imports;
  }

  /** The registry lanes, for tests. */
  public RegistryLanes lanes() {
    return lanes;
  }

  /**
   * Stops, in order: the schedule; the imports in flight, cancelled so they send no further
   * request; the lanes, so that nothing waiting starts; then the workers, given a moment to let
   * requests under way end. One line says what was cut short; it is imported again at the next
   * start.
   */
  @Override
  public void close() {
    scheduler.close();
    imports.cancelAll();
    int work = lanes.stop();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (work > 0) {
      LOG.info(
          "stopped: {} imports and scheduled checks were running or waiting for a registry and"
              + " were cut short; they are made again at the next start",
          work);
    }
  }

  private RegistryClient newRegistryClient(ImportConfig cfg) {
    RegistrySettings.Builder builder =
        RegistryClients.settings(cfg, host -> config.get().limitsFor(host), clock)
            .listener(settings.listener())
            .userAgent(settings.userAgent());
    return new RegistryClient(settings.registrySettings().apply(builder).build());
  }

  /** What a tag's stored status holds, for the scheduled checks. */
  private Optional<TagState> tagState(StreamTag tag) {
    return settings
        .stored()
        .apply(tag.stream())
        .map(ImageStream::getStatus)
        .flatMap(s -> s.tag(tag.tag()))
        .map(
            t ->
                new TagState(
                    t.checkedDigest(),
                    t.importCondition().map(TagEventCondition::reason).orElse(null),
                    t.importCondition().map(TagEventCondition::message).orElse(null)));
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
