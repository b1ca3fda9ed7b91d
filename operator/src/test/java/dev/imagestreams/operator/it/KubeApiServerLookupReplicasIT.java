package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.v1.ImageLookupPolicy;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamSpec;
import dev.imagestreams.engine.config.ImportConfigParser;
import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.operator.LeaderElection;
import dev.imagestreams.operator.OperatorSettings;
import dev.imagestreams.operator.lookup.WebhookSettings;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas with leader election, each serving the webhook behind one address that spreads
 * connections over them as a Service does, with certificates that live seconds: while pods are
 * created from four threads the leader renews the serving certificate several times and rotates the
 * CA, both replicas answer, and no admission fails. Then the leader stops, and the standby, ready
 * and serving all along, takes over keeping the webhook configuration.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeApiServerLookupReplicasIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  private RealApiServer api;
  private KubernetesClient admin;
  private final List<ImageStreamOperator> replicas = new ArrayList<>();
  private final List<SimpleMeterRegistry> meters = new ArrayList<>();
  private RoundRobinForwarder service;
  private PushedImage image;

  @BeforeAll
  void start() throws Exception {
    api = RealApiServer.start();
    admin = api.testClient();
    image = REGISTRY.pusher().pushOciImage("replicas/python", "3.12", Platform.LINUX_AMD64, 81);
    List<Integer> ports = List.of(LookupFixture.freePort(), LookupFixture.freePort());
    service = new RoundRobinForwarder(ports);
    LookupFixture.install(admin, service.port());
    for (int i = 0; i < 2; i++) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      meters.add(registry);
      ImageStreamOperator o =
          new ImageStreamOperator(
              OperatorSettings.of(api.client(), RealApiServer.OPERATOR_NAMESPACE)
                  .withMeterRegistry(registry)
                  .withFixedConfig(
                      new ImportConfigParser(n -> Optional.empty())
                          .parse(
                              "registrySources:\n  insecureRegistries: [\""
                                  + REGISTRY.host()
                                  + "\"]\n"))
                  .withLeaderElection(
                      LeaderElection.of("replica-" + i)
                          .withExitOnLoss(false)
                          .withTimings(
                              Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(500)))
                  .withWebhook(
                      LookupFixture.settings(
                          ports.get(i),
                          new WebhookSettings.BuiltIn(
                              WebhookSettings.DEFAULT_SECRET,
                              Duration.ofSeconds(36),
                              Duration.ofSeconds(12),
                              Duration.ofSeconds(3),
                              Duration.ofMillis(250)))));
      o.start();
      replicas.add(o);
    }
  }

  @AfterAll
  void stop() {
    replicas.forEach(ImageStreamOperator::close);
    if (service != null) {
      service.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void bothReplicasServeThroughRotationsWithoutOneFailedAdmissionThenTheStandbyTakesOver()
      throws Exception {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> replicas.stream().allMatch(r -> r.readiness().up()));
    assertThat(replicas.stream().filter(ImageStreamOperator::leading)).hasSize(1);

    String ns = namespaceWithStream("replicas-1");
    Set<String> servingCertificates = ConcurrentHashMap.newKeySet();
    Set<String> cas = ConcurrentHashMap.newKeySet();
    List<String> failures = new CopyOnWriteArrayList<>();
    AtomicInteger created = new AtomicInteger();
    ExecutorService creators = Executors.newFixedThreadPool(4);
    Instant end = Instant.now().plus(Duration.ofSeconds(45));
    for (int t = 0; t < 4; t++) {
      int thread = t;
      creators.execute(
          () -> {
            for (int i = 0; i < 2_000 && Instant.now().isBefore(end); i++) {
              String name = "p-" + thread + "-" + i;
              try {
                String got =
                    KubeApiServerImageLookupIT.image(
                        admin
                            .resource(KubeApiServerImageLookupIT.pod(ns, name, "python:3.12"))
                            .create());
                if (!got.equals(REGISTRY.host() + "/replicas/python@" + image.digest())) {
                  failures.add(name + ": " + got);
                }
                created.incrementAndGet();
              } catch (RuntimeException e) {
                failures.add(name + ": " + e.getMessage());
              }
              record(servingCertificates, cas);
            }
          });
    }
    creators.shutdown();
    assertThat(creators.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

    assertThat(failures).as("failed admissions").isEmpty();
    assertThat(created.get()).isGreaterThan(100);
    assertThat(servingCertificates.size())
        .as("serving certificates issued while pods were created")
        .isGreaterThanOrEqualTo(3);
    assertThat(cas.size()).as("CA bundles published (a CA rotation)").isGreaterThanOrEqualTo(3);
    for (SimpleMeterRegistry m : meters) {
      assertThat(m.find("imagestream.lookup.admissions").timers())
          .as("each replica answered")
          .isNotEmpty()
          .anySatisfy(timer -> assertThat(timer.count()).isPositive());
    }

    // the leader stops; the standby, which served all along, keeps serving and takes the lead
    ImageStreamOperator leader =
        replicas.stream().filter(ImageStreamOperator::leading).findFirst().orElseThrow();
    leader.close();
    replicas.remove(leader);
    ImageStreamOperator standby = replicas.get(0);
    await().atMost(Duration.ofSeconds(20)).until(standby::leading);
    String later = namespaceWithStream("replicas-2");
    assertThat(
            KubeApiServerImageLookupIT.image(
                admin
                    .resource(KubeApiServerImageLookupIT.pod(later, "after", "python:3.12"))
                    .create()))
        .isEqualTo(REGISTRY.host() + "/replicas/python@" + image.digest());
    assertThat(api.deniedRequests()).isEmpty();
  }

  private void record(Set<String> serving, Set<String> cas) {
    Secret s =
        admin
            .secrets()
            .inNamespace(RealApiServer.OPERATOR_NAMESPACE)
            .withName(WebhookSettings.DEFAULT_SECRET)
            .get();
    if (s != null && s.getData() != null) {
      serving.add(s.getData().get("tls.crt"));
      cas.add(s.getData().get("ca.crt"));
    }
  }

  private String namespaceWithStream(String ns) {
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    ImageStream s = new ImageStream();
    s.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("python").build());
    s.setSpec(
        new ImageStreamSpec(
            new ImageLookupPolicy(true),
            null,
            List.of(
                KubeApiServerImageLookupIT.tag(
                    "3.12", REGISTRY.host() + "/replicas/python:3.12", null))));
    admin.resource(s).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Optional.ofNullable(
                            admin
                                .resources(ImageStream.class)
                                .inNamespace(ns)
                                .withName("python")
                                .get())
                        .map(ImageStream::getStatus)
                        .flatMap(st -> st.tag("3.12"))
                        .flatMap(t -> t.current())
                        .isPresent()
                    && LookupFixture.namespaces(admin, WebhookSettings.LOCAL_NAMES).contains(ns));
    return ns;
  }
}
