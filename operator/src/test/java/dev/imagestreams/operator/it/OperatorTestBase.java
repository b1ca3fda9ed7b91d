package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.ImportConfigParser;
import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.operator.OperatorSettings;
import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.registry.FaultProxy;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the operator against an {@link ApiServer} backend and the real distribution registry started
 * by the test; scenario classes extend it and concrete classes choose the backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OperatorTestBase {
  @RegisterExtension
  protected static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  @RegisterExtension protected static final RegistryExtension BASIC = RegistryExtension.basicAuth();

  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  protected ApiServer api;
  protected KubernetesClient k8s;
  protected ImageStreamOperator operator;
  protected FaultProxy proxy;
  protected String ns;

  /** Starts the API server backend. */
  protected abstract ApiServer startApiServer();

  @BeforeAll
  protected void startAll() throws Exception {
    api = startApiServer();
    k8s = api.testClient();
    proxy = FaultProxy.start(REGISTRY.baseUri());
    operator = startOperator();
  }

  @AfterAll
  protected void stopAll() {
    if (operator != null) {
      operator.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (api != null) {
      api.close();
    }
  }

  /** On a real API server the operator runs with the RBAC of deploy/: it must never be refused. */
  @AfterEach
  protected void noRequestDenied() {
    assertThat(api.deniedRequests())
        .as("requests the API server denied the operator's ServiceAccount")
        .isEmpty();
  }

  @BeforeEach
  protected void newNamespace() {
    ns = "test-" + NAMESPACES.incrementAndGet();
    k8s.namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    proxy.reset();
    api.requests().beforeSending(r -> {});
  }

  protected ImageStreamOperator startOperator() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    reconcileCounter =
        () ->
            meters.find("operator.sdk.reconciliations.success").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    ImageStreamOperator o =
        new ImageStreamOperator(
            settings(
                OperatorSettings.of(api.client(), "imagestream-operator")
                    .withMeterRegistry(meters)
                    .withFixedConfig(config())));
    o.start();
    return o;
  }

  private java.util.function.DoubleSupplier reconcileCounter = () -> 0;

  /** Adjusts how the operator runs (scenario classes shorten backoffs and deadlines here). */
  protected OperatorSettings settings(OperatorSettings defaults) {
    return defaults;
  }

  /** The registries of the test are plain HTTP: they are listed as insecure. */
  protected ImportConfig config() throws Exception {
    return new ImportConfigParser(n -> Optional.empty())
        .parse(
            "registrySources:\n  insecureRegistries: [\""
                + REGISTRY.host()
                + "\", \""
                + proxy.host()
                + "\", \""
                + BASIC.host()
                + "\"]\n"
                + "  blockedRegistries: [docker.io, quay.io, registry.redhat.io]\n");
  }

  protected String repo(String path) {
    return REGISTRY.host() + "/" + path;
  }

  protected ImageStream create(ImageStream stream) {
    return k8s.resource(stream).create();
  }

  protected ImageStream get(String name) {
    return k8s.resources(ImageStream.class).inNamespace(ns).withName(name).get();
  }

  protected ImageStreamStatus awaitStatus(
      String name, java.util.function.Predicate<ImageStreamStatus> done) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> Optional.ofNullable(get(name)).map(ImageStream::getStatus).orElse(null),
            s -> s != null && done.test(s));
  }

  protected ImageStreamStatus awaitReady(String name) {
    return awaitStatus(
        name,
        s ->
            ready(s).map(c -> "True".equals(c.getStatus())).orElse(false)
                && s.observedGeneration() != null
                && s.observedGeneration().equals(get(name).getMetadata().getGeneration()));
  }

  protected static Optional<Condition> ready(ImageStreamStatus s) {
    return s.condition("Ready");
  }

  protected static NamedTagEventList tag(ImageStreamStatus s, String tag) {
    return s.tag(tag).orElseThrow(() -> new AssertionError("no status tag " + tag + " in " + s));
  }

  protected List<Event> events(String name) {
    return k8s.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /** Reconciliations finished so far by the running operator (JOSDK's metrics). */
  protected double reconciliations() {
    return reconcileCounter.getAsDouble();
  }

  protected void label(String namespace, Map<String, String> labels) {
    k8s.namespaces()
        .withName(namespace)
        .edit(
            n -> {
              n.getMetadata().setLabels(labels);
              return n;
            });
  }

  protected void ensureNamespace(String name, Map<String, String> labels) {
    if (k8s.namespaces().withName(name).get() == null) {
      k8s.namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withLabels(labels)
                  .endMetadata()
                  .build())
          .create();
    }
  }

  protected void retarget(String name, java.util.function.UnaryOperator<ImageStream> change) {
    k8s.resources(ImageStream.class).inNamespace(ns).withName(name).edit(change);
  }

  protected long generation(String name) {
    return get(name).getMetadata().getGeneration();
  }

  protected ImageStreamStatus awaitObserved(String name) {
    long g = generation(name);
    return awaitStatus(name, s -> s.observedGeneration() != null && s.observedGeneration() >= g);
  }
}
