package dev.imagestreams.operator.lookup;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.namespace.PrivilegedNamespaces;
import dev.imagestreams.engine.planning.StreamLookup;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image reference resolution as a mutating admission webhook, served by every replica: the HTTPS
 * server answering AdmissionReviews ({@link LookupAdmission}) from the informer cache of
 * ImageStreams (a stream missing from it, created a moment ago, is read from the API server), its
 * serving certificate (built in, or mounted from cert-manager's Secret), and, on the leader, the
 * operator's part of the MutatingWebhookConfiguration. Wiring only.
 */
public final class LookupWebhook implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LookupWebhook.class);

  private final WebhookSettings settings;
  private final KubernetesClient client;
  private final StreamLookup cache;
  private final Supplier<Iterable<ImageStream>> streams;
  private final Supplier<ImportConfig> config;
  private final BooleanSupplier synced;
  private final ReloadingKeyManager keys = new ReloadingKeyManager();
  private final CertificateSource certificates;
  private final WebhookConfigurationKeeper keeper;
  private final MeterRegistry meters;
  private WebhookServer server;

  /**
   * @param settings how it runs
   * @param client the operator's client
   * @param operatorNamespace where the built-in mode's Secret is
   * @param cache the informer cache of ImageStreams
   * @param streams every stream of that cache
   * @param config the current configuration
   * @param leading whether this replica leads (only the leader writes)
   * @param synced whether the informers have synced (the cache is complete)
   */
  public LookupWebhook(
      WebhookSettings settings,
      KubernetesClient client,
      String operatorNamespace,
      StreamLookup cache,
      Supplier<Iterable<ImageStream>> streams,
      Supplier<ImportConfig> config,
      BooleanSupplier leading,
      BooleanSupplier synced,
      Clock clock,
      MeterRegistry meters) {
    this.settings = settings;
    this.client = client;
    this.cache = cache;
    this.streams = streams;
    this.config = config;
    this.synced = synced;
    this.meters = meters;
    this.keeper =
        new WebhookConfigurationKeeper(
            client, settings.configurationName(), this::desired, leading);
    if (settings.certificates() instanceof WebhookSettings.BuiltIn b) {
      this.certificates =
          new BuiltInCertificates(
              client,
              operatorNamespace,
              b,
              settings.hosts(),
              clock,
              keys,
              leading,
              keeper::request);
    } else {
      this.certificates =
          new MountedCertificates((WebhookSettings.Mounted) settings.certificates(), keys);
    }
  }

  /** Loads the certificate, starts serving, and keeps the webhook configuration. */
  public void start() {
    certificates.start();
    server =
        new WebhookServer(
            settings.bindAddress(),
            settings.port(),
            WebhookSettings.PATH,
            new AdmissionHandler(this::decide, this::answered),
            keys,
            settings.threads());
    keeper.start(settings.resync());
    LOG.info(
        "image lookup webhook on https://{}:{}{}",
        settings.bindAddress(),
        server.port(),
        WebhookSettings.PATH);
  }

  /** The streams or the configuration changed: the namespaces sent may have. */
  public void changed() {
    keeper.request();
  }

  /** Why this replica cannot answer admission requests yet, or empty when it can. */
  public Optional<String> unready() {
    if (server == null) {
      return Optional.of("the image lookup webhook is not serving yet");
    }
    if (keys.current() == null) {
      return Optional.of("the image lookup webhook has no serving certificate yet");
    }
    return Optional.empty();
  }

  /** The port served (tests bind port 0). */
  public int port() {
    return server.port();
  }

  private AdmissionDecision decide(AdmissionRequest request) {
    ImportConfig c = config.get();
    if (!c.imageLookup().enabled()) {
      return AdmissionDecision.UNCHANGED;
    }
    return LookupAdmission.decide(request, this::stream, privileged(c));
  }

  /** A stream from the cache; one missing there is read (it may have been created just now). */
  private Optional<ImageStream> stream(String namespace, String name) {
    Optional<ImageStream> cached = cache.get(namespace, name);
    if (cached.isPresent()) {
      return cached;
    }
    try {
      return Optional.ofNullable(
          client.resources(ImageStream.class).inNamespace(namespace).withName(name).get());
    } catch (KubernetesClientException e) {
      throw new IllegalStateException(
          "ImageStream " + namespace + "/" + name + " cannot be read: " + e.getMessage(), e);
    }
  }

  private WebhookConfiguration desired() {
    if (!synced.getAsBoolean()) {
      return null;
    }
    String bundle = certificates.caBundle();
    if (settings.certificates() instanceof WebhookSettings.BuiltIn && bundle == null) {
      return null;
    }
    ImportConfig c = config.get();
    LookupNamespaces namespaces =
        c.imageLookup().enabled()
            ? LookupNamespaces.of(streams.get(), privileged(c))
            : LookupNamespaces.NONE;
    return new WebhookConfiguration(namespaces, c.privilegedNamespaces().names(), bundle);
  }

  private static Set<String> privileged(ImportConfig c) {
    Set<String> out = new HashSet<>(PrivilegedNamespaces.BUILT_IN);
    out.addAll(c.privilegedNamespaces().names());
    return out;
  }

  private void answered(AdmissionDecision decision, long nanos) {
    String outcome =
        !decision.allowed() ? "refused" : decision.patch().isEmpty() ? "unchanged" : "resolved";
    Timer.builder("imagestream.lookup.admissions")
        .description("Admission requests the image lookup webhook answered, by outcome")
        .tag("outcome", outcome)
        .register(meters)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    keeper.close();
    if (server != null) {
      server.close();
    }
    certificates.close();
  }
}
