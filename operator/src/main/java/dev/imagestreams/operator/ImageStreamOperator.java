package dev.imagestreams.operator;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.TagEventCondition;
import dev.imagestreams.operator.config.ConfigSource;
import dev.imagestreams.operator.config.ImportConfig;
import dev.imagestreams.operator.config.InvalidConfigException;
import dev.imagestreams.operator.events.EventRecorder;
import dev.imagestreams.operator.importer.CredentialIndex;
import dev.imagestreams.operator.importer.ImportService;
import dev.imagestreams.operator.importer.RegistryClients;
import dev.imagestreams.operator.importer.RegistryLanes;
import dev.imagestreams.operator.importer.RetryBackoffs;
import dev.imagestreams.operator.importer.TagAttempts;
import dev.imagestreams.operator.imports.StreamTag;
import dev.imagestreams.operator.metrics.Health;
import dev.imagestreams.operator.metrics.ImportMetrics;
import dev.imagestreams.operator.reconciler.ImageStreamReconciler;
import dev.imagestreams.operator.reconciler.StreamEvents;
import dev.imagestreams.operator.schedule.ImportScheduler;
import dev.imagestreams.operator.schedule.ScheduledCheck;
import dev.imagestreams.operator.schedule.TagState;
import dev.imagestreams.operator.startup.ApiServerTarget;
import dev.imagestreams.operator.startup.OperatorStartup;
import dev.imagestreams.operator.startup.StartupException;
import dev.imagestreams.registry.RegistryClient;
import dev.imagestreams.registry.RegistrySettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the operator from its parts and runs it: configuration, registry client, per-registry
 * lanes, import service, schedule, reconciler and the JOSDK {@link Operator}. Wiring only; used by
 * {@link OperatorMain}, the tests and the benchmarks alike.
 */
public final class ImageStreamOperator implements OperatorStartup.Startable {
  private static final Logger LOG = LoggerFactory.getLogger(ImageStreamOperator.class);
  private final Settings settings;
  private final ConfigSource configSource;
  private final AtomicReference<ImportConfig> config = new AtomicReference<>();
  private final AtomicReference<RegistryClient> registry = new AtomicReference<>();
  private final ExecutorService registryWorkers;
  private final RegistryLanes lanes;
  private final ImportService imports;
  private final ImportScheduler scheduler;
  private final TagAttempts attempts;
  private final StreamEvents streamEvents;
  private final EventRecorder recorder;
  private final ImportMetrics metrics;
  private final ImageStreamReconciler reconciler;
  private final Operator operator;
  private final AtomicBoolean leading = new AtomicBoolean();
  private volatile boolean closing;

  /**
   * How to run.
   *
   * @param client the Kubernetes client
   * @param operatorNamespace where the configuration ConfigMap lives
   * @param configMapName the configuration ConfigMap's name
   * @param watchNamespaces the namespaces to watch; empty for all
   * @param meterRegistry where metrics go
   * @param clock the clock
   * @param fixedConfig a configuration to use instead of the ConfigMap (tests, benchmarks), or null
   * @param registrySettings adjusts the registry client settings (tests, benchmarks)
   * @param reconcileThreads JOSDK reconciliation threads
   * @param backoffs the retry schedule of failed tags and the backoff of failing hosts (tests
   *     shorten them)
   * @param leaderElection leader election through a Lease, or empty for a single replica that
   *     always leads
   */
  public record Settings(
      KubernetesClient client,
      String operatorNamespace,
      String configMapName,
      Set<String> watchNamespaces,
      MeterRegistry meterRegistry,
      Clock clock,
      ImportConfig fixedConfig,
      UnaryOperator<RegistrySettings.Builder> registrySettings,
      int reconcileThreads,
      RetryBackoffs backoffs,
      Optional<LeaderElection> leaderElection) {

    public static Settings of(KubernetesClient client, String operatorNamespace) {
      return new Settings(
          client,
          operatorNamespace,
          ConfigSource.DEFAULT_NAME,
          Set.of(),
          new SimpleMeterRegistry(),
          Clock.systemUTC(),
          null,
          UnaryOperator.identity(),
          50,
          RetryBackoffs.DEFAULT,
          Optional.empty());
    }

    public Settings withBackoffs(RetryBackoffs b) {
      return copy(c -> c.backoffs = b);
    }

    public Settings withMeterRegistry(MeterRegistry r) {
      return copy(c -> c.meterRegistry = r);
    }

    public Settings withClock(Clock clock) {
      return copy(c -> c.clock = clock);
    }

    public Settings withFixedConfig(ImportConfig config) {
      return copy(c -> c.fixedConfig = config);
    }

    public Settings withRegistrySettings(UnaryOperator<RegistrySettings.Builder> r) {
      return copy(c -> c.registrySettings = r);
    }

    public Settings withWatchNamespaces(Set<String> namespaces) {
      return copy(c -> c.watchNamespaces = namespaces);
    }

    public Settings withConfigMapName(String name) {
      return copy(c -> c.configMapName = name);
    }

    public Settings withLeaderElection(LeaderElection election) {
      return copy(c -> c.leaderElection = Optional.of(election));
    }

    public Settings withReconcileThreads(int threads) {
      return copy(c -> c.reconcileThreads = threads);
    }

    /** A copy with the fields {@code change} sets; every other field is kept. */
    private Settings copy(Consumer<Copy> change) {
      Copy copy = new Copy(this);
      change.accept(copy);
      return copy.settings();
    }

    /** The fields of a {@link Settings} being copied, one place that names them all. */
    private static final class Copy {
      private final KubernetesClient client;
      private final String operatorNamespace;
      String configMapName;
      Set<String> watchNamespaces;
      MeterRegistry meterRegistry;
      Clock clock;
      ImportConfig fixedConfig;
      UnaryOperator<RegistrySettings.Builder> registrySettings;
      int reconcileThreads;
      RetryBackoffs backoffs;
      Optional<LeaderElection> leaderElection;

      Copy(Settings s) {
        client = s.client;
        operatorNamespace = s.operatorNamespace;
        configMapName = s.configMapName;
        watchNamespaces = s.watchNamespaces;
        meterRegistry = s.meterRegistry;
        clock = s.clock;
        fixedConfig = s.fixedConfig;
        registrySettings = s.registrySettings;
        reconcileThreads = s.reconcileThreads;
        backoffs = s.backoffs;
        leaderElection = s.leaderElection;
      }

      Settings settings() {
        return new Settings(
            client,
            operatorNamespace,
            configMapName,
            watchNamespaces,
            meterRegistry,
            clock,
            fixedConfig,
            registrySettings,
            reconcileThreads,
            backoffs,
            leaderElection);
      }
    }
  }

  /**
   * Assembles the operator; reads the configuration.
   *
   * @throws InvalidConfigException if the configuration ConfigMap is invalid (the message names the
   *     key)
   */
  public ImageStreamOperator(Settings settings) throws InvalidConfigException {
    this.settings = settings;
    Clock clock = settings.clock();
    this.configSource =
        new ConfigSource(settings.client(), settings.operatorNamespace(), settings.configMapName());
    config.set(settings.fixedConfig() != null ? settings.fixedConfig() : configSource.load());
    this.metrics = new ImportMetrics(settings.meterRegistry());
    registry.set(newRegistryClient(config.get()));

    this.registryWorkers = Executors.newCachedThreadPool(named("registry-"));
    this.lanes =
        new RegistryLanes(
            registryWorkers,
            clock,
            host -> config.get().limitsFor(host),
            settings.backoffs().hostOutages());
    this.streamEvents = new StreamEvents(this::forget);
    this.imports = new ImportService(registry::get, lanes, clock, metrics, streamEvents::reconcile);
    this.attempts =
        new TagAttempts(
            settings.backoffs().tagRetries(),
            () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    ScheduledCheck check =
        new ScheduledCheck(registry::get, lanes, imports, this::tagState, metrics, clock);
    this.scheduler = new ImportScheduler(config.get(), clock, check, lanes::backoffUntil, metrics);
    metrics.bindSchedule(scheduler::trackedTags, scheduler::trackedReferences);

    this.recorder = new EventRecorder(settings.client(), clock);
    metrics.bindEvents(recorder::dropped);
    this.reconciler =
        new ImageStreamReconciler(
            config::get, imports, attempts, scheduler, streamEvents, recorder, clock);
    this.operator =
        new Operator(
            o ->
                o.withKubernetesClient(settings.client())
                    // per-resource reconciliation metrics would grow with every stream: aggregate
                    // by kind
                    .withMetrics(
                        MicrometerMetrics.withoutPerResourceMetrics(settings.meterRegistry()))
                    .withConcurrentReconciliationThreads(settings.reconcileThreads())
                    .withCloseClientOnStop(false)
                    .withLeaderElectionConfiguration(
                        settings.leaderElection().map(this::leaseConfiguration).orElse(null)));
    operator.register(
        reconciler,
        o -> {
          o.withGenerationAware(false).withOnUpdateFilter(ImageStreamReconciler.updateFilter());
          if (!settings.watchNamespaces().isEmpty()) {
            o.settingNamespaces(settings.watchNamespaces());
          }
        });
  }

  /**
   * Checks the cluster ({@link OperatorStartup}), then builds and starts the operator.
   *
   * @param settings how to run
   * @param target the API server and where its configuration came from, for messages
   * @param installCrd apply the bundled CRD first (development clusters)
   * @return the running operator
   * @throws StartupException saying what is wrong; nothing is left running
   */
  public static ImageStreamOperator checkAndStart(
      Settings settings, ApiServerTarget target, boolean installCrd) throws StartupException {
    return OperatorStartup.start(
        new OperatorStartup.Cluster(
            settings.client(),
            settings.operatorNamespace(),
            settings.configMapName(),
            settings.watchNamespaces()),
        () -> new ImageStreamOperator(settings),
        target,
        installCrd);
  }

  /** Starts watching and importing. */
  @Override
  public void start() {
    if (settings.fixedConfig() == null) {
      configSource.onChange(this::apply);
      configSource.watch();
    }
    operator.start();
    if (settings.leaderElection().isEmpty()) {
      startedLeading();
    }
  }

  /** The schedule runs on the leader only (JOSDK starts reconciling there by itself). */
  private void startedLeading() {
    if (leading.compareAndSet(false, true)) {
      LOG.info("leading: reconciling ImageStreams and running the import schedule");
      scheduler.start();
    }
  }

  private void stoppedLeading() {
    if (leading.compareAndSet(true, false)) {
      scheduler.close();
      if (closing) {
        LOG.info("stopped leading: the Lease is released");
      } else if (settings.leaderElection().map(LeaderElection::exitOnLoss).orElse(false)) {
        // exiting here, not in JOSDK: its exit would also run when a shutdown hook stops the
        // operator,
        // and System.exit inside a shutdown hook never returns. A thread of its own lets this one
        // go.
        LOG.error("lost the Lease to another replica: exiting, to restart as a standby");
        new Thread(() -> System.exit(1), "exit-on-lost-lease").start();
      } else {
        LOG.warn("lost the Lease to another replica: the import schedule stops");
      }
    }
  }

  private LeaderElectionConfiguration leaseConfiguration(LeaderElection election) {
    return new LeaderElectionConfiguration(
        election.leaseName(),
        settings.operatorNamespace(),
        election.leaseDuration(),
        election.renewDeadline(),
        election.retryPeriod(),
        election.identity(),
        new LeaderCallbacks(
            this::startedLeading,
            this::stoppedLeading,
            leader -> LOG.info("the leader is {}", leader)),
        false); // see stoppedLeading
  }

  /** Whether this replica holds the lead (always, without leader election). */
  public boolean leading() {
    return leading.get();
  }

  /**
   * Ready for imports: started, every informer synced and watching, and leading. A standby replica
   * is live but not ready.
   */
  public Health readiness() {
    var runtime = operator.getRuntimeInfo();
    if (!runtime.isStarted()) {
      return Health.down("starting: the informers are not synced yet");
    }
    if (!runtime.allEventSourcesAreHealthy()) {
      return Health.down("informers not watching: " + runtime.unhealthyEventSources().keySet());
    }
    if (!leading.get()) {
      return Health.down("standby: another replica holds the Lease");
    }
    return Health.UP;
  }

  /** Live unless the import schedule's loop, on the leader, has died or stopped turning. */
  public Health liveness() {
    if (leading.get() && !scheduler.turning(Duration.ofMinutes(3))) {
      return Health.down("the import schedule's loop has not run for three minutes");
    }
    return Health.UP;
  }

  /** Applies a new configuration: registry client, schedule, and every stream. */
  public void apply(ImportConfig next) {
    ImportConfig previous = config.getAndSet(next);
    if (!Objects.equals(previous.blockedRegistries(), next.blockedRegistries())
        || !Objects.equals(previous.additionalTrustedCas(), next.additionalTrustedCas())) {
      registry.set(newRegistryClient(next));
    }
    scheduler.configure(next);
    streamEvents.reconcileAll();
  }

  public ImportConfig config() {
    return config.get();
  }

  public ImportScheduler scheduler() {
    return scheduler;
  }

  public ImportService imports() {
    return imports;
  }

  /** Events waiting to be written. */
  public int eventsPending() {
    return recorder.pending();
  }

  public RegistryLanes lanes() {
    return lanes;
  }

  /** The pull credentials read from Secrets. */
  public CredentialIndex credentials() {
    return reconciler.credentials();
  }

  public Operator operator() {
    return operator;
  }

  @Override
  public void close() {
    closing = true;
    scheduler.close();
    operator.stop();
    configSource.close();
    recorder.close();
    registryWorkers.shutdownNow();
  }

  private RegistryClient newRegistryClient(ImportConfig cfg) {
    RegistrySettings.Builder builder =
        RegistryClients.settings(cfg, host -> config.get().limitsFor(host), settings.clock())
            .listener(metrics)
            .userAgent("imagestream-operator/" + version());
    return new RegistryClient(settings.registrySettings().apply(builder).build());
  }

  /** What a tag's status holds, from the informer cache, for the scheduled checks. */
  private Optional<TagState> tagState(StreamTag tag) {
    return streamEvents
        .get(tag.stream())
        .map(ImageStream::getStatus)
        .flatMap(s -> s.tag(tag.tag()))
        .map(
            t ->
                new TagState(
                    t.sourceDigest(),
                    t.importCondition().map(TagEventCondition::reason).orElse(null),
                    t.importCondition().map(TagEventCondition::message).orElse(null)));
  }

  private void forget(ResourceID stream) {
    imports.forget(stream);
    scheduler.untrack(stream);
    attempts.forget(stream);
  }

  static String version() {
    String v = ImageStreamOperator.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
