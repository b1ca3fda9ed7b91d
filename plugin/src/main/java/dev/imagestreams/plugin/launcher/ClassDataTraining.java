package dev.imagestreams.plugin.launcher;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.plugin.KubectlImagestream;
import dev.imagestreams.plugin.describe.StreamDescriber;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The workload the launcher runs once, under {@code -XX:ArchiveClassesAtExit}, to write the
 * class-data sharing archive that later runs map. A dynamic archive holds only the classes its run
 * loaded, so archiving the user's first command would leave the other verbs' classes out: {@code
 * --version} first, then {@code describe} would map almost nothing of the Kubernetes client. This
 * runs every verb's common path instead, offline: the usage help of each verb, {@code resolve}
 * against a closed loopback port (the registry client up to its connection), {@code get}, {@code
 * describe} and {@code tag} against an unreachable API server (the Kubernetes client, its
 * kubeconfig and TLS set-up), and the {@code describe} formatter on a stream with a status. Its
 * output is discarded; it never touches the network beyond 127.0.0.1.
 */
public final class ClassDataTraining {
  private static final String STREAM =
      """
      apiVersion: image.openshift.io/v1
      kind: ImageStream
      metadata: {name: training, namespace: training, creationTimestamp: "2026-01-01T00:00:00Z"}
      spec:
        tags:
        - name: "1"
          from: {kind: DockerImage, name: "127.0.0.1:%1$d/training/image:1"}
          importPolicy: {scheduled: true}
        - name: latest
          from: {kind: ImageStreamTag, name: "1"}
      status:
        dockerImageRepository: ""
        tags:
        - tag: "1"
          items:
          - created: "2026-01-01T00:00:00Z"
            dockerImageReference: "127.0.0.1:%1$d/training/image@sha256:%2$s"
            image: "sha256:%2$s"
            generation: 1
          conditions:
          - type: ImportSuccess
            status: "False"
            reason: Unavailable
            message: connection refused
            lastTransitionTime: "2026-01-01T00:00:00Z"
            generation: 1
      """;

  private static final String KUBECONFIG =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: training
        cluster: {server: "https://127.0.0.1:%d"}
      users:
      - name: training
        user: {token: training}
      contexts:
      - name: training
        context: {cluster: training, user: training, namespace: training}
      current-context: training
      """;

  private ClassDataTraining() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("kubectl-imagestream-training");
    try {
      train(dir);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(ClassDataTraining::delete);
      }
    }
  }

  private static void train(Path dir) throws IOException {
    int closed = closedPort();
    String stream = STREAM.formatted(closed, "0".repeat(64));
    Path streams = Files.writeString(dir.resolve("streams.yaml"), stream, StandardCharsets.UTF_8);
    Path kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"), KUBECONFIG.formatted(closed), StandardCharsets.UTF_8);
    String registry = "127.0.0.1:" + closed;
    String cluster = "--kubeconfig=" + kubeconfig;

    run("--help");
    for (String verb : KubectlImagestream.commandLine().getSubcommands().keySet()) {
      run(verb, "--help");
    }
    run("resolve", "-f", streams.toString(), "--insecure-registry", registry, "-o", "yaml");
    run("get", "is", cluster);
    run("describe", "is/training", cluster);
    run("get", "istag", "training:1", "-o", "json", cluster);
    run("tag", registry + "/training/image:2", "training:2", cluster);
    run("import", "training:1", "--timeout=1s", cluster);
    // the formatter, which an unreachable API server never reaches
    StreamDescriber.describe(
        new KubernetesSerialization().unmarshal(stream, ImageStream.class), Instant.now());
  }

  private static void run(String... args) {
    CommandLine commandLine = KubectlImagestream.commandLine();
    commandLine.setOut(new PrintWriter(Writer.nullWriter()));
    commandLine.setErr(new PrintWriter(Writer.nullWriter()));
    commandLine.execute(args);
  }

  /** A loopback port nothing listens on: connections to it are refused at once. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
