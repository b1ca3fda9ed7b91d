package dev.imagestreams.operator;

import dev.imagestreams.engine.EngineSettings;
import dev.imagestreams.engine.ImportEngine;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.InvalidConfigException;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.operator.config.ConfigSource;
import dev.imagestreams.operator.credentials.CredentialIndex;
import dev.imagestreams.operator.events.EventRecorder;
import dev.imagestreams.operator.lookup.LookupWebhook;
import dev.imagestreams.operator.lookup.WebhookSettings;
import dev.imagestreams.operator.metrics.Health;
import dev.imagestreams.operator.metrics.ImportMetrics;
import dev.imagestreams.operator.reconciler.CachedStreams;
import dev.imagestreams.operator.reconciler.ImageStreamReconciler;
import dev.imagestreams.operator.reconciler.StreamEvents;
import dev.imagestreams.operator.startup.ApiServerTarget;
import dev.imagestreams.operator.startup.OperatorStartup;
import dev.imagestreams.operator.startup.StartupException;
import dev.imagestreams.operator.triggers.Triggers;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the operator from its parts and runs it: the configuration, the {@link ImportEngine}, its
 * JOSDK front end ({@link ImageStreamReconciler}), the image change triggers ({@link Triggers},
 * when enabled), metrics, Events and leadership. Wiring only; used by {@link OperatorMain}, the
 * tests and the benchmarks alike.
 */
public final class ImageStreamOperator implements OperatorStartup.Startable {
  private static final Logger LOG = LoggerFactory.getLogger(ImageStreamOperator.class);
  private final OperatorSettings settings;
  private final ConfigSource configSource;
  private final ImportEngine engine;
  private final StreamEvents streamEvents;
  private final EventRecorder recorder;
  private final ImageStreamReconciler reconciler;
  private final Leadership leadership;
  private final Operator operator;
  private final boolean triggersEnabled;
  private final Optional<LookupWebhook> lookup;

  /**
   * Assembles the operator; reads the configuration.
   *
   * @throws InvalidConfigException if the configuration ConfigMap is invalid (the message names the
   *     key)
   */
  public ImageStreamOperator(OperatorSettings settings) throws InvalidConfigException {
    this(settings, configSource(settings), null);
  }

  /**
   * Assembles the operator with a configuration already read from {@code configSource} (or {@code
   * settings.fixedConfig()}), or reads it when {@code loaded} is null.
   */
  private ImageStreamOperator(
      OperatorSettings settings, ConfigSource configSource, ImportConfig loaded)
      throws InvalidConfigException {
    this.settings = settings;
    this.configSource = configSource;
    ImportConfig config = loaded != null ? loaded : read(settings, configSource);
    ImportMetrics metrics = new ImportMetrics(settings.meterRegistry());
    this.streamEvents = new StreamEvents(this::forget);
    this.engine =
        new ImportEngine(
            config,
            EngineSettings.builder("imagestream-operator/" + version())
                .clock(settings.clock())
                .backoffs(settings.backoffs())
                .listener(metrics)
                .registrySettings(settings.registrySettings())
                .wake(streamEvents::reconcile)
                .stored(streamEvents::get)
                .build());
    metrics.bindSchedule(engine.scheduler()::trackedTags, engine.scheduler()::trackedReferences);
    this.recorder = new EventRecorder(settings.client(), settings.clock());
    metrics.bindEvents(recorder::dropped);
    this.reconciler = new ImageStreamReconciler(engine, streamEvents, recorder, settings.clock());
    this.leadership = new Leadership(engine, settings.leaderElection());
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
                        leadership.configuration(settings.operatorNamespace())));
    this.lookup =
        settings
            .webhook()
            .map(
                w ->
                    new LookupWebhook(
                        w,
                        settings.client(),
                        settings.operatorNamespace(),
                        (namespace, name) -> streamEvents.get(new StreamId(namespace, name)),
                        streamEvents::all,
                        engine::config,
                        leadership::leading,
                        () -> operator.getRuntimeInfo().isStarted(),
                        settings.clock(),
                        settings.meterRegistry()));
    lookup.ifPresent(
        l -> {
          streamEvents.onLookupChanged(l::changed);
          leadership.onLeading(l::changed);
        });
    operator.register(
        reconciler,
        o -> {
          o.withGenerationAware(false)
              .withOnUpdateFilter(ImageStreamReconciler.updateFilter())
              .withItemStore(CachedStreams.store());
          if (!settings.watchNamespaces().isEmpty()) {
            o.settingNamespaces(settings.watchNamespaces());
          }
        });
    this.triggersEnabled = config.imageChangeTriggers().enabled();
    if (triggersEnabled) {
      Triggers triggers =
          new Triggers(
              settings.client(),
              (namespace, name) -> streamEvents.get(new StreamId(namespace, name)),
              namespace -> reconciler.privileged(namespace, settings.client()),
              () -> operator.getRuntimeInfo().isStarted(),
              recorder,
              settings.meterRegistry());
      streamEvents.onChange(triggers::streamChanged);
      triggers.register(operator, settings.watchNamespaces());
    }
  }

  private static ConfigSource configSource(OperatorSettings settings) {
    return new ConfigSource(
        settings.client(), settings.operatorNamespace(), settings.configMapName());
  }

  private static ImportConfig read(OperatorSettings settings, ConfigSource source)
      throws InvalidConfigException {
    return settings.fixedConfig() != null ? settings.fixedConfig() : source.load();
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
      OperatorSettings settings, ApiServerTarget target, boolean installCrd)
      throws StartupException {
    ConfigSource source = configSource(settings);
    return OperatorStartup.start(
        new OperatorStartup.Cluster(
            settings.client(),
            settings.operatorNamespace(),
            settings.configMapName(),
            settings.watchNamespaces(),
            settings.leaderElection().isPresent(),
            () -> read(settings, source),
            settings.webhook().map(WebhookSettings::configurationName).orElse(null),
            settings
                .webhook()
                .map(WebhookSettings::certificates)
                .filter(WebhookSettings.BuiltIn.class::isInstance)
                .map(c -> ((WebhookSettings.BuiltIn) c).secretName())
                .orElse(null)),
        config -> new ImageStreamOperator(settings, source, config),
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
    leadership.started();
    lookup.ifPresent(LookupWebhook::start);
  }

  /** Whether this replica holds the lead (always, without leader election). */
  public boolean leading() {
    return leadership.leading();
  }

  /**
   * Ready to serve what every replica serves (its metrics, and the image lookup webhook when it
   * runs): started, every informer synced and watching, the webhook serving with a certificate.
   * Leading is not readiness: a standby is ready, so that a rolling update, which waits for the new
   * replica to be ready before it stops the old leader, can finish.
   */
  public Health readiness() {
    var runtime = operator.getRuntimeInfo();
    if (!runtime.isStarted()) {
      return Health.down("starting: the informers are not synced yet");
    }
    if (!runtime.allEventSourcesAreHealthy()) {
      return Health.down("informers not watching: " + runtime.unhealthyEventSources().keySet());
    }
    Optional<String> webhook = lookup.flatMap(LookupWebhook::unready);
    return webhook.isPresent() ? Health.down(webhook.get()) : Health.UP;
  }

  /** Live unless the import schedule's loop, on the leader, has died or stopped turning. */
  public Health liveness() {
    if (leadership.leading() && !engine.scheduler().turning(Duration.ofMinutes(3))) {
      return Health.down("the import schedule's loop has not run for three minutes");
    }
    return Health.UP;
  }

  /**
   * Applies a new configuration to the engine, and reconciles every stream. The trigger
   * controller's switch is read at start only (its RBAC rules come and go with it): a change is
   * logged.
   */
  public void apply(ImportConfig next) {
    if (next.imageChangeTriggers().enabled() != triggersEnabled) {
      LOG.warn(
          "imageChangeTriggers.enabled changed to {}: the trigger controller is {} until the"
              + " operator restarts",
          next.imageChangeTriggers().enabled(),
          triggersEnabled ? "running" : "off");
    }
    engine.configure(next);
    streamEvents.reconcileAll();
    lookup.ifPresent(LookupWebhook::changed);
  }

  /** The image lookup webhook, when it runs. */
  public Optional<LookupWebhook> lookup() {
    return lookup;
  }

  public ImportConfig config() {
    return engine.config();
  }

  /** The import engine, for tests. */
  public ImportEngine engine() {
    return engine;
  }

  /** Events waiting to be written. */
  public int eventsPending() {
    return recorder.pending();
  }

  /** The pull credentials read from Secrets. */
  public CredentialIndex credentials() {
    return reconciler.credentials();
  }

  public Operator operator() {
    return operator;
  }

  /**
   * Stops cleanly: the schedule, then reconciling (JOSDK, which stops renewing the Lease), then the
   * Lease is released for a standby, then the imports in flight are cancelled and the rest closed.
   */
  @Override
  public void close() {
    leadership.closing();
    lookup.ifPresent(LookupWebhook::close);
    engine.stopSchedule();
    operator.stop();
    leadership.release(settings.client(), settings.operatorNamespace());
    engine.close();
    configSource.close();
    recorder.close();
  }

  private void forget(StreamId stream) {
    engine.forget(stream);
  }

  static String version() {
    String v = ImageStreamOperator.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
