package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.engine.config.ImportConfigParser;
import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.operator.LeaderElection;
import dev.imagestreams.operator.OperatorSettings;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RealApiServerExtension;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.Fault;
import dev.imagestreams.testinfra.registry.FaultProxy;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A clean stop as a rollout makes it: two replicas of the operator's jar, processes with the
 * environment of deploy/ (leader election on, a 15 s Lease) and a token of its ServiceAccount; the
 * leader gets SIGTERM while imports are under way. It stops within the grace period, says in one
 * line each that it released the Lease and what it cut short, prints no stack trace, and the
 * standby leads long before the Lease would have expired, then finishes the imports.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeApiServerStopIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  /** The Lease's duration in deploy/ (JOSDK's usual timings). */
  private static final Duration LEASE = Duration.ofSeconds(15);

  @RegisterExtension static final RealApiServerExtension API = new RealApiServerExtension();

  private KubernetesClient admin;
  private FaultProxy proxy;
  private Path home;
  private final List<Process> replicas = new ArrayList<>();

  @BeforeAll
  void start() throws IOException {
    admin = API.server().testClient();
    proxy = FaultProxy.start(REGISTRY.baseUri());
    home = Files.createTempDirectory("stop-it");
    admin
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(RealApiServer.OPERATOR_NAMESPACE)
                .withName("imagestream-operator-config")
                .endMetadata()
                .withData(
                    Map.of(
                        "config.yaml",
                        "registrySources: {insecureRegistries: [\"" + proxy.host() + "\"]}\n"))
                .build())
        .createOr(NonDeletingOperation::update);
    Files.writeString(
        home.resolve("kubeconfig"), API.server().kubeconfigFor(RealApiServer.SERVICE_ACCOUNT));
  }

  @AfterAll
  void stop() {
    replicas.forEach(Process::destroyForcibly);
    if (proxy != null) {
      proxy.close();
    }
  }

  private Process replica(String name) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                Path.of("target", "imagestream-operator.jar").toString())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve(name + ".log").toFile());
    builder.environment().put("KUBECONFIG", home.resolve("kubeconfig").toString());
    builder.environment().put("OPERATOR_NAMESPACE", RealApiServer.OPERATOR_NAMESPACE);
    builder.environment().put("LEADER_ELECTION", "true");
    builder.environment().put("POD_NAME", name);
    builder.environment().put("METRICS_PORT", freePort());
    Process p = builder.start();
    replicas.add(p);
    return p;
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

  private boolean allReady(String ns, int streams) {
    return admin.resources(ImageStream.class).inNamespace(ns).list().getItems().stream()
            .filter(
                s ->
                    s.getStatus() != null
                        && s.getStatus()
                            .condition("Ready")
                            .map(c -> "True".equals(c.getStatus()))
                            .orElse(false))
            .count()
        == streams;
  }

  @Test
  void sigtermReleasesTheLeaseCutsImportsShortQuietlyAndTheStandbyFinishesThem() throws Exception {
    Process leader = replica("replica-a");
    await().atMost(Duration.ofSeconds(60)).until(() -> "replica-a".equals(holder()));
    replica("replica-b");

    String ns = "stop";
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    int streams = 24;
    for (int i = 0; i < streams; i++) {
      REGISTRY.pusher().pushOciImage("stop/app", "v" + i, Platform.LINUX_AMD64, 300 + i);
    }
    // imports under way when the leader stops: every manifest GET takes 3 s
    proxy.when("GET", "/v2/stop/app/manifests/.*").then(Fault.slowHeaders(Duration.ofSeconds(3)));
    for (int i = 0; i < streams; i++) {
      admin
          .resource(
              Streams.stream(ns, "app-" + i)
                  .dockerImage("v", proxy.host() + "/stop/app:v" + i)
                  .forCreate())
          .create();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> proxy.count("GET", "/v2/stop/app/manifests/.*") >= 4);

    leader.destroy(); // SIGTERM, as the kubelet stops a pod
    assertThat(leader.waitFor(30, TimeUnit.SECONDS)).as("stopped within the grace period").isTrue();
    // the released Lease is taken at the standby's next try, well before it would expire
    await().atMost(LEASE.minusSeconds(7)).until(() -> "replica-b".equals(holder()));

    List<String> log = Files.readAllLines(home.resolve("replica-a.log"));
    assertThat(log)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "released the Lease "
                            + RealApiServer.OPERATOR_NAMESPACE
                            + "/"
                            + LeaderElection.DEFAULT_LEASE_NAME))
        .anySatisfy(
            l -> assertThat(l).containsPattern("stopped: \\d+ imports and scheduled checks"))
        .as("no stack trace, no exception escaping a thread")
        .noneSatisfy(l -> assertThat(l).containsPattern("^\\s+at |Exception in thread|Caused by:"));

    proxy.clearRules();
    await().atMost(Duration.ofSeconds(90)).until(() -> allReady(ns, streams));
  }

  @Test
  void aClosedOperatorReconcilesNothingMore() throws Exception {
    String ns = "closed";
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    REGISTRY.pusher().pushOciImage("closed/app", "v", Platform.LINUX_AMD64, 330);
    ImageStreamOperator operator =
        new ImageStreamOperator(
            OperatorSettings.of(
                    API.server().clientFor(RealApiServer.SERVICE_ACCOUNT), "imagestream-operator")
                .withFixedConfig(
                    new ImportConfigParser(n -> Optional.empty())
                        .parse(
                            "registrySources: {insecureRegistries: [\""
                                + proxy.host()
                                + "\"]}\n")));
    operator.start();
    admin
        .resource(
            Streams.stream(ns, "before")
                .dockerImage("v", proxy.host() + "/closed/app:v")
                .forCreate())
        .create();
    await().atMost(Duration.ofSeconds(30)).until(() -> allReady(ns, 1));

    operator.close();
    admin
        .resource(
            Streams.stream(ns, "after")
                .dockerImage("v", proxy.host() + "/closed/app:v")
                .forCreate())
        .create();
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        admin
                            .resources(ImageStream.class)
                            .inNamespace(ns)
                            .withName("after")
                            .get()
                            .getStatus())
                    .as("nothing is written once the operator is closed")
                    .isNull());
  }

  private static String freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return String.valueOf(s.getLocalPort());
    }
  }
}
