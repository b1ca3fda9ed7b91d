package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.operator.LeaderElection;
import dev.imagestreams.operator.config.ImportConfigParser;
import dev.imagestreams.operator.metrics.Health;
import dev.imagestreams.operator.testing.RealApiServer;
import dev.imagestreams.operator.testing.Streams;
import dev.imagestreams.registry.testing.BuiltBinary;
import dev.imagestreams.registry.testing.FaultProxy;
import dev.imagestreams.registry.testing.Platform;
import dev.imagestreams.registry.testing.PushedImage;
import dev.imagestreams.registry.testing.RegistryExtension;
import dev.imagestreams.registry.testing.RequiresBuilt;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas with leader election on a real API server, as the ServiceAccount of deploy/: one
 * holds the Lease, imports and is ready; the other is live but not ready and imports nothing; when
 * the leader stops, the other takes the Lease within its duration and imports, and no tag is
 * imported twice.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeApiServerLeaderElectionIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();
  private static final Duration LEASE = Duration.ofSeconds(4);

  private RealApiServer api;
  private KubernetesClient admin;
  private FaultProxy proxy;
  private final List<ImageStreamOperator> replicas = new ArrayList<>();

  @BeforeAll
  void start() {
    api = RealApiServer.start();
    admin = api.testClient();
    proxy = FaultProxy.start(REGISTRY.baseUri());
  }

  @AfterAll
  void stop() {
    replicas.forEach(ImageStreamOperator::close);
    if (proxy != null) {
      proxy.close();
    }
    if (api != null) {
      api.close();
    }
  }

  private ImageStreamOperator replica(String identity) throws Exception {
    ImageStreamOperator operator =
        new ImageStreamOperator(
            ImageStreamOperator.Settings.of(
                    api.clientFor(RealApiServer.SERVICE_ACCOUNT), RealApiServer.OPERATOR_NAMESPACE)
                .withFixedConfig(
                    new ImportConfigParser(n -> Optional.empty())
                        .parse(
                            "registrySources:\n  insecureRegistries: [\"" + proxy.host() + "\"]\n"))
                .withLeaderElection(
                    LeaderElection.of(identity)
                        .withExitOnLoss(false)
                        .withTimings(LEASE, Duration.ofSeconds(3), Duration.ofMillis(500))));
    replicas.add(operator);
    operator.start();
    return operator;
  }

  private String holder() {
    Lease lease =
        admin
            .leases()
            .inNamespace(RealApiServer.OPERATOR_NAMESPACE)
            .withName(LeaderElection.DEFAULT_LEASE_NAME)
            .get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private boolean ready(String stream) {
    ImageStream s = admin.resources(ImageStream.class).inNamespace("le").withName(stream).get();
    return s != null
        && s.getStatus() != null
        && s.getStatus().condition("Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  @Test
  void oneReplicaLeadsAndTheOtherTakesOverWhenItStops() throws Exception {
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("le").endMetadata().build())
        .create();
    ImageStreamOperator first = replica("replica-a");
    await().atMost(Duration.ofSeconds(30)).until(() -> "replica-a".equals(holder()));
    ImageStreamOperator second = replica("replica-b");

    await().atMost(Duration.ofSeconds(30)).until(() -> first.readiness().up());
    assertThat(first.leading()).isTrue();
    assertThat(second.leading()).isFalse();
    Health standby = second.readiness();
    assertThat(standby.up()).isFalse();
    assertThat(standby.reason()).contains("standby");
    assertThat(second.liveness().up()).as("a standby is live").isTrue();

    PushedImage one = REGISTRY.pusher().pushOciImage("le/app", "1", Platform.LINUX_AMD64, 51);
    admin
        .resource(
            Streams.stream("le", "one").dockerImage("1", proxy.host() + "/le/app:1").forCreate())
        .create();
    await().atMost(Duration.ofSeconds(30)).until(() -> ready("one"));

    first.close();
    replicas.remove(first);
    await()
        .atMost(LEASE.plusSeconds(10))
        .until(() -> "replica-b".equals(holder()) && second.leading());
    await().atMost(Duration.ofSeconds(30)).until(() -> second.readiness().up());

    PushedImage two = REGISTRY.pusher().pushOciImage("le/app", "2", Platform.LINUX_AMD64, 52);
    admin
        .resource(
            Streams.stream("le", "two").dockerImage("2", proxy.host() + "/le/app:2").forCreate())
        .create();
    await().atMost(Duration.ofSeconds(30)).until(() -> ready("two"));

    assertThat(proxy.count("HEAD", "/v2/le/app/manifests/1"))
        .as("tag 1 was imported once, by the first leader")
        .isEqualTo(1);
    assertThat(proxy.count("HEAD", "/v2/le/app/manifests/2"))
        .as("tag 2 once, by the second")
        .isEqualTo(1);
    assertThat(proxy.count("GET", "/v2/le/app/manifests/" + one.digest())).isEqualTo(1);
    assertThat(proxy.count("GET", "/v2/le/app/manifests/" + two.digest())).isEqualTo(1);
    assertThat(api.deniedRequests()).isEmpty();
  }
}
