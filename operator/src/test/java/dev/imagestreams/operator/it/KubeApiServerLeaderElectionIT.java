package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.engine.testing.LogCapture;
import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.operator.LeaderElection;
import dev.imagestreams.operator.OperatorSettings;
import dev.imagestreams.operator.metrics.Health;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RealApiServerExtension;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.FaultProxy;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas with leader election on a real API server, as the ServiceAccount of deploy/: one
 * holds the Lease and imports; the other imports nothing, and both are live and ready (leading is
 * not readiness, or a rolling update could never finish); when the leader stops cleanly it releases
 * the Lease, so the other takes it at once, long before the Lease would expire, and imports; no tag
 * is imported twice.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeApiServerLeaderElectionIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  /** Long, so that a takeover within {@link #TAKEOVER} shows the Lease was released. */
  private static final Duration LEASE = Duration.ofSeconds(60);

  private static final Duration TAKEOVER = Duration.ofSeconds(15);

  @RegisterExtension static final RealApiServerExtension API = new RealApiServerExtension();

  private KubernetesClient admin;
  private FaultProxy proxy;
  private final List<ImageStreamOperator> replicas = new ArrayList<>();

  @BeforeAll
  void start() {
    admin = API.server().testClient();
    proxy = FaultProxy.start(REGISTRY.baseUri());
  }

  @AfterAll
  void stop() {
    replicas.forEach(ImageStreamOperator::close);
    if (proxy != null) {
      proxy.close();
    }
  }

  private ImageStreamOperator replica(String identity) throws Exception {
    ImageStreamOperator operator =
        new ImageStreamOperator(
            OperatorSettings.of(
                    API.server().clientFor(RealApiServer.SERVICE_ACCOUNT),
                    RealApiServer.OPERATOR_NAMESPACE)
                .withFixedConfig(TestConfig.insecure(List.of(proxy.host()), ""))
                .withLeaderElection(
                    LeaderElection.of(identity)
                        .withExitOnLoss(false)
                        .withTimings(LEASE, Duration.ofSeconds(40), Duration.ofMillis(500))));
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

  /** Pushes le/app:TAG and creates a stream importing it; returns once the stream is ready. */
  private PushedImage imported(String stream, String tag, int revision) {
    PushedImage image =
        REGISTRY.pusher().pushOciImage("le/app", tag, Platform.LINUX_AMD64, revision);
    admin
        .resource(
            Streams.stream("le", stream)
                .dockerImage(tag, proxy.host() + "/le/app:" + tag)
                .forCreate())
        .create();
    await().atMost(Duration.ofSeconds(30)).until(() -> ready(stream));
    return image;
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
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(second.readiness()).as("a standby is ready").isEqualTo(Health.UP));
    assertThat(second.liveness().up()).as("a standby is live").isTrue();

    PushedImage one = imported("one", "1", 51);

    try (LogCapture log = LogCapture.of("dev.imagestreams.operator.Leadership")) {
      first.close();
      assertThat(log.messages("INFO"))
          .contains(
              "released the Lease "
                  + RealApiServer.OPERATOR_NAMESPACE
                  + "/"
                  + LeaderElection.DEFAULT_LEASE_NAME
                  + ": a standby takes over now");
    }
    replicas.remove(first);
    // the released Lease is taken at the standby's next try, not after it expires
    await().atMost(TAKEOVER).until(() -> "replica-b".equals(holder()) && second.leading());
    await().atMost(Duration.ofSeconds(30)).until(() -> second.readiness().up());

    PushedImage two = imported("two", "2", 52);

    assertThat(proxy.count("GET", "/v2/le/app/manifests/1"))
        .as("tag 1 was imported once, by the first leader")
        .isEqualTo(1);
    assertThat(proxy.count("GET", "/v2/le/app/manifests/2"))
        .as("tag 2 once, by the second")
        .isEqualTo(1);
    assertThat(proxy.count("HEAD", "/v2/le/app/.*")).as("nothing was checked again").isZero();
    assertThat(API.server().deniedRequests()).isEmpty();
  }
}
