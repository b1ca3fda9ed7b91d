package dev.imagestreams.plugin.launcher;

import static dev.imagestreams.plugin.testing.StreamYaml.dockerImage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.plugin.testing.StreamYaml;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kubectl-imagestream} launcher script runs the built jar as kubectl would; its first
 * run writes a class-data sharing archive that the second run maps.
 */
class LauncherIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  private static final Path LAUNCHER = Path.of(System.getProperty("plugin.launcher"));
  private static final Path JAR = Path.of(System.getProperty("plugin.jar"));

  private static PushedImage image;

  @TempDir Path dir;

  @BeforeAll
  static void push() {
    image = REGISTRY.pusher().pushOciImage("team/app", "1", Platform.LINUX_AMD64);
  }

  private record Result(int exit, String out, String err) {}

  private Result launch(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    builder.environment().put("HOME", dir.toString());
    builder.environment().put("KUBECTL_IMAGESTREAM_JAR", JAR.toString());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("REGISTRY_AUTH_FILE");
    builder.environment().remove("DOCKER_CONFIG");
    builder.environment().putAll(env);
    builder.redirectOutput(dir.resolve("out.txt").toFile());
    builder.redirectError(dir.resolve("err.txt").toFile());
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher finishes").isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(dir.resolve("out.txt")),
        Files.readString(dir.resolve("err.txt")));
  }

  private Path stream(String tag) throws IOException {
    Path file = dir.resolve("app-" + tag + ".yaml");
    Files.writeString(
        file,
        StreamYaml.stream("app", dockerImage(tag, REGISTRY.host() + "/team/app:" + tag)),
        StandardCharsets.UTF_8);
    return file;
  }

  private List<Path> archives() throws IOException {
    Path cache = dir.resolve("cache/kubectl-imagestream");
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files.toList();
    }
  }

  @Test
  void theFirstRunWritesAClassDataArchiveThatTheSecondRunUses() throws Exception {
    Path stream = stream("1");
    Path classLog = dir.resolve("classes.log");

    Result first =
        launch(
            Map.of(), "resolve", "-f", stream.toString(), "--insecure-registry", REGISTRY.host());

    assertThat(first.err()).isEmpty();
    assertThat(first.exit()).isZero();
    assertThat(first.out()).contains(REGISTRY.host() + "/team/app@" + image.digest());
    assertThat(archives())
        .singleElement()
        .satisfies(a -> assertThat(a.getFileName().toString()).matches("classes-[0-9]+\\.jsa"));

    Result second =
        launch(
            Map.of("KUBECTL_IMAGESTREAM_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
            "resolve",
            "-f",
            stream.toString(),
            "--insecure-registry",
            REGISTRY.host());

    assertThat(second.exit()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(Files.readString(classLog))
        .contains("dev.imagestreams.plugin.resolve.ResolveCommand source: shared objects file");
    assertThat(archives()).hasSize(1);
  }

  @Test
  void theArchiveHoldsEveryVerbsClassesWhateverTheFirstCommandWas() throws Exception {
    Path classLog = dir.resolve("classes.log");
    Path kubeconfig = dir.resolve("kubeconfig");
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - {name: c, cluster: {server: "https://127.0.0.1:%d"}}
        users:
        - {name: u, user: {token: t}}
        contexts:
        - {name: c, context: {cluster: c, user: u, namespace: team}}
        current-context: c
        """
            .formatted(closed));

    Result version = launch(Map.of(), "--version");
    assertThat(version.exit()).isZero();
    assertThat(archives()).hasSize(1);

    Result get =
        launch(
            Map.of("KUBECTL_IMAGESTREAM_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog),
            "get",
            "is",
            "--kubeconfig",
            kubeconfig.toString());

    assertThat(get.exit()).isEqualTo(1);
    assertThat(get.err()).startsWith("error: cannot reach the Kubernetes API server at ");
    assertThat(Files.readString(classLog))
        .as("trained on get, not only on --version")
        .contains("dev.imagestreams.plugin.describe.GetCommand source: shared objects file")
        .contains(
            "io.fabric8.kubernetes.client.KubernetesClientBuilder source: shared objects file");
  }

  @Test
  void passesTheExitStatusAndErrorsThrough() throws Exception {
    Result failed =
        launch(
            Map.of(),
            "resolve",
            "-f",
            stream("missing").toString(),
            "--insecure-registry",
            REGISTRY.host());

    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.out()).isEmpty();
    assertThat(failed.err()).startsWith("error: app:missing: NotFound: ");
    assertThat(failed.err().lines()).hasSize(1);
  }

  @Test
  void withoutClassDataSharingNoArchiveIsWritten() throws Exception {
    Result version = launch(Map.of("KUBECTL_IMAGESTREAM_CDS", "false"), "--version");

    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("kubectl-imagestream 0.1.0-SNAPSHOT");
    assertThat(archives()).isEmpty();
  }
}
