package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's quick start for people without a cluster, as a user runs it: {@code
 * test-infra/local-cluster.sh start}, the operator's runnable jar against its kubeconfig, the docs'
 * ImageStream applied with kubectl and waited for, then {@code stop}.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
class LocalClusterIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  private final List<Process> processes = new ArrayList<>();
  private Path dir;

  @AfterEach
  void stopAll() throws Exception {
    for (Process p : processes) {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
    }
    if (dir != null) {
      run(script(), "stop", dir.toString());
    }
  }

  @Test
  void theLocalClusterRunsTheOperatorAndTheDocsExample() throws Exception {
    dir = Files.createTempDirectory("local-cluster");
    Map<String, String> ports =
        Map.of("API_PORT", freePort(), "ETCD_PORT", freePort(), "ETCD_PEER_PORT", freePort());
    Result started = run(ports, script(), "start", dir.toString());
    assertThat(started.out())
        .contains("ImageStream CRD installed", "export KUBECONFIG=" + dir.resolve("kubeconfig"));
    Path kubectl =
        Path.of(
            started
                .out()
                .lines()
                .filter(l -> l.contains("export PATH="))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*export PATH=([^:]+):.*", "$1"),
            "kubectl");

    String kubeconfig = "--kubeconfig=" + dir.resolve("kubeconfig");
    run(kubectl.toString(), kubeconfig, "create", "namespace", "imagestream-operator").ok();
    run(
            kubectl.toString(),
            kubeconfig,
            "create",
            "configmap",
            "imagestream-operator-config",
            "-n",
            "imagestream-operator",
            "--from-literal=config.yaml=registrySources: {insecureRegistries: [\""
                + REGISTRY.host()
                + "\"]}")
        .ok();

    ProcessBuilder operator =
        new ProcessBuilder(java(), "-jar", Path.of("target", "imagestream-operator.jar").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("logs").resolve("operator.log").toFile());
    operator.environment().put("KUBECONFIG", dir.resolve("kubeconfig").toString());
    operator.environment().put("METRICS_PORT", freePort());
    processes.add(operator.start());

    PushedImage python =
        REGISTRY.pusher().pushOciImage("library/python", "3.12", Platform.LINUX_AMD64, 41);
    String example =
        """
        apiVersion: image.openshift.io/v1
        kind: ImageStream
        metadata:
          name: python
        spec:
          tags:
          - name: "3.12"
            from: {kind: DockerImage, name: %s/library/python:3.12}
            importPolicy: {scheduled: true}
          - name: latest
            from: {kind: ImageStreamTag, name: "3.12"}
        """
            .formatted(REGISTRY.host());
    run(kubectl.toString(), kubeconfig, "create", "namespace", "demo").ok();
    Path file = dir.resolve("python.yaml");
    Files.writeString(file, example);
    run(kubectl.toString(), kubeconfig, "apply", "-n", "demo", "-f", file.toString()).ok();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        run(
                                kubectl.toString(),
                                kubeconfig,
                                "wait",
                                "-n",
                                "demo",
                                "--for=condition=Ready",
                                "is/python",
                                "--timeout=10s")
                            .ok())
                    .contains("condition met"));
    assertThat(run(kubectl.toString(), kubeconfig, "get", "is", "-n", "demo").ok())
        .contains("3.12,latest");
    assertThat(
            run(
                    kubectl.toString(),
                    kubeconfig,
                    "get",
                    "is/python",
                    "-n",
                    "demo",
                    "-o",
                    "jsonpath={.status.tags[0].items[0].image}")
                .ok())
        .isEqualTo(python.digest());

    Result stopped = run(script(), "stop", dir.toString());
    assertThat(stopped.out()).contains("stopped; data, logs and kubeconfig stay in " + dir);
    assertThat(run(script(), "status", dir.toString()).out())
        .contains("etcd: stopped", "kube-apiserver: stopped");
    dir = null;
  }

  private record Result(int code, String out) {
    String ok() {
      assertThat(code).as(out).isZero();
      return out;
    }
  }

  private static String script() {
    return Path.of("..", "test-infra", "local-cluster.sh").toString();
  }

  private static Result run(String... command) throws IOException, InterruptedException {
    return run(Map.of(), command);
  }

  private static Result run(Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    return new Result(p.exitValue(), out);
  }

  private static String freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return String.valueOf(s.getLocalPort());
    }
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
