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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's path for people without a cluster, run as written: the two code blocks of its "No
 * cluster? A local API server" section, line by line, in a shell. What differs is said here and
 * only this: the data directory and ports (free ones, not the defaults), the operator's jar (built
 * by the build running this test, so the {@code ./mvnw} line is not run again), and the example's
 * registry (the local one, plain HTTP, made insecure in the operator's ConfigMap, instead of Docker
 * Hub, which this machine cannot reach). Then docs/triggers.md's example, whose Deployment gets the
 * image of the stream tag it follows (the registry replaced in the same way).
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
class LocalClusterIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  private static final String DEFAULT_DIR = "/tmp/imagestream-local-cluster";
  private static final Pattern BLOCK = Pattern.compile("(?s)```\\n(.*?)```");

  private final List<Process> processes = new ArrayList<>();
  private Path dir;

  @AfterEach
  void stopAll() throws Exception {
    for (Process p : processes) {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
    }
    if (dir != null) {
      run(Map.of(), repo(), "test-infra/local-cluster.sh stop " + dir);
    }
  }

  /** The README's two code blocks of the section, each as its lines without comments. */
  private static List<List<String>> readmeBlocks() throws IOException {
    String readme = Files.readString(repo().resolve("README.md"));
    int start = readme.indexOf("### No cluster? A local API server");
    String section = readme.substring(start, readme.indexOf("\n## ", start));
    List<List<String>> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(section);
    while (m.find()) {
      blocks.add(
          m.group(1)
              .lines()
              .map(l -> l.replaceAll("\\s+#.*$", "").trim())
              .filter(l -> !l.isEmpty())
              .toList());
    }
    return blocks;
  }

  @Test
  void theReadmesLocalClusterPathWorksAsWritten() throws Exception {
    List<List<String>> blocks = readmeBlocks();
    assertThat(blocks).hasSize(2);
    List<String> server = blocks.get(0);
    List<String> client = blocks.get(1);
    assertThat(server)
        .containsExactly(
            "test-infra/local-cluster.sh start",
            "export KUBECONFIG=" + DEFAULT_DIR + "/kubeconfig PATH=" + DEFAULT_DIR + "/bin:$PATH",
            "./mvnw -q -pl operator -am package -DskipTests",
            "java -jar operator/target/imagestream-operator.jar");

    dir = Files.createTempDirectory("local-cluster");
    Map<String, String> env = new HashMap<>();
    env.put("LOCAL_CLUSTER_DIR", dir.toString());
    env.put("API_PORT", freePort());
    env.put("ETCD_PORT", freePort());
    env.put("ETCD_PEER_PORT", freePort());
    Result started = run(env, repo(), server.get(0));
    assertThat(started.ok())
        .contains("ImageStream CRD installed; namespace demo")
        .contains(server.get(1).replace(DEFAULT_DIR, dir.toString()));
    env.put("KUBECONFIG", dir.resolve("kubeconfig").toString());
    env.put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));

    run(
            env,
            repo(),
            "kubectl create namespace imagestream-operator && kubectl -n imagestream-operator"
                + " create configmap imagestream-operator-config --from-literal=config.yaml="
                + "'registrySources: {insecureRegistries: [\""
                + REGISTRY.host()
                + "\"]}'")
        .ok();
    ProcessBuilder operator =
        new ProcessBuilder("bash", "-c", server.get(3).replaceFirst("^java ", java() + " "))
            .directory(repo().toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("logs").resolve("operator.log").toFile());
    operator.environment().putAll(env);
    operator.environment().put("METRICS_PORT", freePort());
    processes.add(operator.start());

    PushedImage python =
        REGISTRY.pusher().pushOciImage("library/python", "3.12", Platform.LINUX_AMD64, 41);
    Path example = dir.resolve("examples").resolve("python.yaml");
    Files.createDirectories(example.getParent());
    Files.writeString(
        example,
        Files.readString(repo().resolve("examples").resolve("python.yaml"))
            .replace("docker.io/library/python", REGISTRY.host() + "/library/python"));
    assertThat(client)
        .containsExactly(
            "kubectl apply -f examples/python.yaml",
            "kubectl wait --for=condition=Ready is/python --timeout=2m",
            "kubectl get is");
    run(env, dir, client.get(0)).ok();
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () -> assertThat(run(env, dir, client.get(1)).ok()).contains("condition met"));
    assertThat(run(env, dir, client.get(2)).ok())
        .containsPattern("python\\s+True\\s+.*3\\.12,latest");
    assertThat(
            run(env, dir, "kubectl get is/python -o jsonpath='{.status.tags[0].items[0].image}'")
                .ok())
        .isEqualTo(python.digest());

    // docs/triggers.md's example: a Deployment that follows a stream tag
    PushedImage app =
        REGISTRY.pusher().pushOciImage("example/app", "latest", Platform.LINUX_AMD64, 42);
    Path triggers = dir.resolve("examples").resolve("triggers.yaml");
    Files.writeString(
        triggers,
        triggerExample().replace("quay.io/example/app", REGISTRY.host() + "/example/app"));
    run(env, dir, "kubectl apply -f examples/triggers.yaml").ok();
    String pulled = REGISTRY.host() + "/example/app@" + app.digest();
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () ->
                assertThat(
                        run(
                                env,
                                dir,
                                "kubectl -n demo get deployment/web -o"
                                    + " jsonpath='{.spec.template.spec.containers[0].image}'")
                            .ok())
                    .isEqualTo(pulled));
    assertThat(
            run(
                    env,
                    dir,
                    "kubectl -n demo get events --field-selector reason=ImageTriggered -o name")
                .ok())
        .isNotEmpty();

    Result stopped = run(env, repo(), "test-infra/local-cluster.sh stop");
    assertThat(stopped.out()).contains("stopped; data, logs and kubeconfig stay in " + dir);
    assertThat(run(env, repo(), "test-infra/local-cluster.sh status").out())
        .contains("etcd: stopped", "kube-apiserver: stopped");
    dir = null;
  }

  /** The YAML block of docs/triggers.md's "An example". */
  private static String triggerExample() throws IOException {
    String doc = Files.readString(repo().resolve("docs").resolve("triggers.md"));
    int start = doc.indexOf("## An example");
    Matcher m =
        Pattern.compile("(?s)```yaml\\n(.*?)```")
            .matcher(doc.substring(start, doc.indexOf("\n## ", start)));
    assertThat(m.find()).as("the example's YAML block").isTrue();
    return m.group(1);
  }

  private record Result(int code, String out) {
    String ok() {
      assertThat(code).as(out).isZero();
      return out;
    }
  }

  /** Runs a line in bash, in {@code workdir}, with {@code env} added to the environment. */
  private static Result run(Map<String, String> env, Path workdir, String line)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", line)
            .directory(workdir.toFile())
            .redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    return new Result(p.exitValue(), out.strip());
  }

  private static Path repo() {
    return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
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
