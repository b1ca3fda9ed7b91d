package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.ImportMode;
import dev.imagestreams.registry.RegistryClient;
import dev.imagestreams.registry.RegistrySettings;
import dev.imagestreams.registry.ResolveOptions;
import dev.imagestreams.registry.ResolvedImage;
import dev.imagestreams.registry.manifest.ImageMetadata;
import dev.imagestreams.registry.manifest.Layer;
import dev.imagestreams.registry.manifest.Platform;
import dev.imagestreams.registry.manifest.PlatformManifest;
import dev.imagestreams.registry.manifest.PlatformPreference;
import dev.imagestreams.registry.reference.ImageReference;
import dev.imagestreams.registry.testing.References;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.KubeControlPlane;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import dev.imagestreams.testinfra.registry.TestImages.Blob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image as users build it: docs/install.md's {@code ./mvnw -pl operator -am package
 * jib:build} with the jib-maven-plugin configuration of {@code operator/pom.xml}, only the base and
 * target images overridden, pushed to the local distribution registry. No registry that serves
 * Temurin is reachable here, so the base is made by the test: an OCI index whose linux/amd64 image
 * is one layer holding a JRE that {@code jlink} makes from this machine's JDK 17 (at {@code
 * /opt/java/openjdk}, as in Temurin's images) and whose linux/arm64 image holds only {@code
 * /etc/passwd} (no arm64 JRE can be made here: that entry proves the two-platform index, not an
 * arm64 runtime).
 *
 * <p>The pushed image is read back with the project's own {@link RegistryClient}: index platforms,
 * entrypoint, user, ports, working directory, labels, environment. Then the amd64 image's layers
 * are unpacked into a directory made read-only, and its entrypoint runs from there (paths under
 * {@code /} mapped into that directory, as no chroot or container runtime is used) as uid 65532
 * with a scratch directory as {@code /tmp}, against a real API server, until {@code /healthz}
 * answers; the unpacked root must be unchanged afterwards. Finally {@code jib:buildTar} runs with
 * Maven offline from a {@code tar://} base.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
class ContainerImageIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  /**
   * What the operator needs of the JDK: {@code jdeps --print-module-deps} over the runtime class
   * path, plus the modules loaded by name or service (EC keys for TLS, JMX, JUL, Kerberos).
   */
  private static final String JRE_MODULES =
      String.join(
          ",",
          "java.base",
          "java.compiler",
          "java.desktop",
          "java.logging",
          "java.management",
          "java.naming",
          "java.net.http",
          "java.rmi",
          "java.scripting",
          "java.security.jgss",
          "java.sql",
          "java.xml",
          "jdk.crypto.ec",
          "jdk.httpserver",
          "jdk.management",
          "jdk.unsupported");

  private static final String JAVA_HOME = "/opt/java/openjdk";
  private static final String REVISION = "0123456789abcdef0123456789abcdef01234567";
  private static final String CREATED = "2026-01-02T03:04:05Z";
  private static final String MAIN_CLASS = "dev.imagestreams.operator.OperatorMain";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path scratch;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stop() throws IOException, InterruptedException {
    for (Process p : processes) {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
    }
    // @TempDir deletes what the test made read-only
    run(List.of("chmod", "-R", "u+w", scratch.toString()), null, Map.of());
  }

  @Test
  void jibBuildsTheImageThatRunsOnAReadOnlyRoot() throws Exception {
    CompletableFuture<KubeControlPlane> cluster =
        CompletableFuture.supplyAsync(KubeControlPlane::startUnaudited);
    try {
      pushBase("base", "17");
      String image = REGISTRY.host() + "/imagestream-operator:test";
      maven(
          false,
          "package",
          "jib:build",
          "-Djib.from.image=" + REGISTRY.host() + "/base:17",
          "-Djib.to.image=" + image,
          "-Djib.allowInsecureRegistries=true");

      RegistryClient client = new RegistryClient(RegistrySettings.builder().build());
      ImageReference ref = References.image(image);
      ResolvedImage index =
          client.resolve(ref, Access.anonymous(true), ResolveOptions.preserveOriginal());
      assertThat(index.isList()).isTrue();
      assertThat(index.manifests())
          .extracting(PlatformManifest::platform)
          .containsExactlyInAnyOrder(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"));
      ResolvedImage amd64 = resolve(client, ref, "linux/amd64");
      ResolvedImage arm64 = resolve(client, ref, "linux/arm64");
      for (ResolvedImage platform : List.of(amd64, arm64)) {
        assertConfig(platform.metadata());
      }
      assertThat(amd64.metadata().architecture()).isEqualTo("amd64");
      assertThat(arm64.metadata().architecture()).isEqualTo("arm64");

      Path root = unpack(amd64, scratch.resolve("root"));
      runsAndAnswersHealthz(root, amd64.metadata(), cluster.join());

      buildsATarOffline();
    } finally {
      cluster.thenAccept(KubeControlPlane::close);
    }
  }

  private static ResolvedImage resolve(RegistryClient client, ImageReference ref, String platform)
      throws Exception {
    return client.resolve(
        ref,
        Access.anonymous(true),
        new ResolveOptions(
            ImportMode.LEGACY, List.of(PlatformPreference.of(Platform.parse(platform)))));
  }

  /** What operator/pom.xml says, and the JVM flags that deploy/ and the chart set too. */
  private static void assertConfig(ImageMetadata config) throws IOException {
    assertThat(config.os()).isEqualTo("linux");
    assertThat(config.entrypoint())
        .containsExactly("java", "-cp", "@/app/jib-classpath-file", MAIN_CLASS);
    assertThat(config.cmd()).isEmpty();
    assertThat(config.user()).isEqualTo("65532:65532");
    assertThat(config.exposedPorts()).containsExactly("8080/tcp");
    assertThat(config.workingDir()).isEqualTo("/tmp");
    assertThat(config.created()).isEqualTo(Instant.parse(CREATED));
    assertThat(config.labels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "org.opencontainers.image.title", "imagestream-operator",
                "org.opencontainers.image.description",
                    "OpenShift ImageStreams on any Kubernetes cluster",
                "org.opencontainers.image.version", System.getProperty("project.version"),
                "org.opencontainers.image.revision", REVISION,
                "org.opencontainers.image.source", "unknown",
                "org.opencontainers.image.licenses", "NOASSERTION"));
    // the base's PATH and JAVA_HOME stay; the JVM's flags are the manifests' (one variable,
    // replaced by them)
    assertThat(config.env())
        .contains(
            "JAVA_HOME=" + JAVA_HOME,
            "JAVA_TOOL_OPTIONS="
                + manifestValue(
                    Path.of(System.getProperty("deploy.dir"), "deployment.yaml"),
                    "name: JAVA_TOOL_OPTIONS\\s+value: \"([^\"]*)\""),
            "JAVA_TOOL_OPTIONS="
                + manifestValue(
                    Path.of(
                        System.getProperty("deploy.dir"),
                        "..",
                        "helm",
                        "imagestream-operator",
                        "values.yaml"),
                    "javaOptions: \"([^\"]*)\""));
  }

  private static String manifestValue(Path file, String regex) throws IOException {
    Matcher m = Pattern.compile(regex).matcher(Files.readString(file));
    assertThat(m.find()).as(regex + " in " + file).isTrue();
    return m.group(1);
  }

  // ---- running the image -------------------------------------------------------------------

  private void runsAndAnswersHealthz(Path root, ImageMetadata config, KubeControlPlane cluster)
      throws Exception {
    Map<String, String> before = listing(root);
    // a read-only root file system: nothing in the image is writable by anyone but root, and the
    // process does not run as root
    run(List.of("chmod", "-R", "a-w", root.toString()), null, Map.of()).ok();
    Path tmp = Files.createDirectories(scratch.resolve("tmp"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path kubeconfig = scratch.resolve("kubeconfig");
    Files.writeString(kubeconfig, inlined(cluster.adminKubeconfig()));

    Map<String, String> env = new TreeMap<>();
    for (String e : config.env()) {
      env.put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
    }
    int port = freePort();
    env.put("METRICS_PORT", String.valueOf(port));
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("INSTALL_CRDS", "true");
    // the container's /tmp is the scratch directory; the launcher's own variable leaves the image's
    // JAVA_TOOL_OPTIONS as it is
    env.put("TMPDIR", tmp.toString());
    env.put("JDK_JAVA_OPTIONS", "-Djava.io.tmpdir=" + tmp);

    List<String> command = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))
        && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      String[] user = config.user().split(":");
      command.addAll(
          List.of("setpriv", "--reuid=" + user[0], "--regid=" + user[1], "--clear-groups"));
    }
    command.addAll(entrypoint(root, config.entrypoint(), env.get("PATH")));
    Path log = scratch.resolve("operator.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process operator = builder.start();
    processes.add(operator);

    URI healthz = URI.create("http://127.0.0.1:" + port + "/healthz");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsInstanceOf(IOException.class)
        .untilAsserted(
            () -> {
              assertThat(operator.isAlive()).as(() -> "the operator exited: " + read(log)).isTrue();
              assertThat(
                      HTTP.send(
                              HttpRequest.newBuilder(healthz).build(),
                              HttpResponse.BodyHandlers.discarding())
                          .statusCode())
                  .isEqualTo(200);
            });
    assertThat(read(log)).contains("Picked up JAVA_TOOL_OPTIONS: " + env.get("JAVA_TOOL_OPTIONS"));
    if (command.get(0).equals("setpriv")) {
      assertThat(Files.readAllLines(Path.of("/proc", String.valueOf(operator.pid()), "status")))
          .anySatisfy(line -> assertThat(line).matches("Uid:\\s+65532\\s+65532\\s+65532\\s+65532"));
    }
    operator.destroy();
    operator.waitFor(20, TimeUnit.SECONDS);
    assertThat(listing(root)).as("the image's files after the run").isEqualTo(before);
  }

  /**
   * The entrypoint with the image's absolute paths (the command, {@code @argfiles} and the class
   * path in them) mapped into the unpacked root.
   */
  private List<String> entrypoint(Path root, List<String> entrypoint, String path)
      throws IOException {
    List<String> command = new ArrayList<>();
    String java =
        Stream.of(path.split(":"))
            .map(dir -> inRoot(root, dir + "/" + entrypoint.get(0)))
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow()
            .toString();
    command.add(java);
    for (String arg : entrypoint.subList(1, entrypoint.size())) {
      if (arg.startsWith("@/")) {
        String classPath = Files.readString(inRoot(root, arg.substring(1))).strip();
        Path mapped = scratch.resolve("classpath-file");
        Files.writeString(
            mapped,
            Stream.of(classPath.split(":"))
                .map(p -> inRoot(root, p).toString())
                .collect(Collectors.joining(":")));
        command.add("@" + mapped);
      } else {
        command.add(arg);
      }
    }
    return command;
  }

  private static Path inRoot(Path root, String absolute) {
    return root.resolve(absolute.replaceFirst("^/+", ""));
  }

  /** The kubeconfig with its certificate and key files inlined: uid 65532 cannot read them. */
  private static String inlined(String kubeconfig) {
    Matcher m =
        Pattern.compile("(certificate-authority|client-certificate|client-key): (\\S+)")
            .matcher(kubeconfig);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      try {
        String data =
            Base64.getEncoder()
                .encodeToString(Files.readAllBytes(Path.of(m.group(2).replace("\"", ""))));
        m.appendReplacement(out, m.group(1) + "-data: " + data);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Every path under root with its type, mode, size and modification time. */
  private static Map<String, String> listing(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        files.put(
            root.relativize(p).toString(),
            Files.isDirectory(p) + " " + Files.size(p) + " " + Files.getLastModifiedTime(p));
      }
    }
    return files;
  }

  private Path unpack(ResolvedImage image, Path root) throws Exception {
    Files.createDirectories(root);
    for (Layer layer : image.layers()) {
      Path blob = scratch.resolve(layer.digest().hex() + ".tar.gz");
      HttpResponse<Path> response =
          HTTP.send(
              HttpRequest.newBuilder(
                      REGISTRY
                          .baseUri()
                          .resolve("/v2/imagestream-operator/blobs/" + layer.digest()))
                  .build(),
              HttpResponse.BodyHandlers.ofFile(blob));
      assertThat(response.statusCode()).isEqualTo(200);
      run(
              List.of("tar", "-xzf", blob.toString(), "-C", root.toString(), "--no-same-owner"),
              null,
              Map.of())
          .ok();
    }
    return root;
  }

  // ---- jib:buildTar offline --------------------------------------------------------------------

  /** Maven offline, the base a docker-save tar: no registry at all. */
  private void buildsATarOffline() throws Exception {
    Path tar = scratch.resolve("image.tar");
    maven(
        true,
        "package",
        "jib:buildTar",
        "-Djib.from.image=tar://" + scratch.resolve("base-amd64.tar"),
        "-Djib.from.platforms=linux/amd64",
        "-Djib.outputPaths.tar=" + tar);
    Path out = Files.createDirectories(scratch.resolve("image-tar"));
    run(List.of("tar", "-xf", tar.toString(), "-C", out.toString()), null, Map.of()).ok();
    ObjectNode config = (ObjectNode) JSON.readTree(out.resolve("config.json").toFile());
    assertThat(config.at("/architecture").asText()).isEqualTo("amd64");
    assertThat(config.at("/config/User").asText()).isEqualTo("65532:65532");
    assertThat(config.at("/config/Entrypoint").toString()).contains(MAIN_CLASS);
    assertThat(config.at("/config/Labels/org.opencontainers.image.revision").asText())
        .isEqualTo(REVISION);
  }

  // ---- the base image --------------------------------------------------------------------------

  /**
   * Pushes an OCI index: linux/amd64 with a jlinked JRE, linux/arm64 with /etc/passwd only. Also
   * writes the amd64 image as a docker-save tar for {@code tar://}.
   */
  private void pushBase(String repository, String tag) throws Exception {
    Path amd64Root = Files.createDirectories(scratch.resolve("base-amd64"));
    Path armRoot = Files.createDirectories(scratch.resolve("base-arm64"));
    for (Path root : List.of(amd64Root, armRoot)) {
      Files.createDirectories(root.resolve("etc"));
      Files.writeString(
          root.resolve("etc/passwd"),
          "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n");
      Files.writeString(root.resolve("etc/group"), "root:x:0:\nnonroot:x:65532:\n");
      Files.setPosixFilePermissions(
          Files.createDirectories(root.resolve("tmp")),
          PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    Files.createDirectories(amd64Root.resolve(JAVA_HOME).getParent());
    run(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "jlink").toString(),
                "--add-modules",
                JRE_MODULES,
                "--strip-debug",
                "--no-man-pages",
                "--no-header-files",
                "--output",
                inRoot(amd64Root, JAVA_HOME).toString()),
            null,
            Map.of())
        .ok();

    List<Map<String, Object>> entries = new ArrayList<>();
    for (Path root : List.of(amd64Root, armRoot)) {
      String arch = root == amd64Root ? "amd64" : "arm64";
      Path layerFile = scratch.resolve("base-" + arch + ".layer.tar.gz");
      String diffId = layer(root, layerFile);
      Blob layer =
          new Blob(
              "application/vnd.oci.image.layer.v1.tar+gzip", Files.readAllBytes(layerFile), null);
      ObjectNode config = JSON.createObjectNode().put("architecture", arch).put("os", "linux");
      config
          .putObject("config")
          .putArray("Env")
          .add(
              "PATH="
                  + JAVA_HOME
                  + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
          .add("JAVA_HOME=" + JAVA_HOME);
      config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(diffId);
      config
          .putArray("history")
          .addObject()
          .put(
              "created_by",
              root == amd64Root
                  ? "jlink --add-modules " + JRE_MODULES
                  : "/etc/passwd only (no JRE)");
      Blob configBlob =
          new Blob(
              "application/vnd.oci.image.config.v1+json", JSON.writeValueAsBytes(config), null);
      REGISTRY.pusher().pushBlob(repository, layer);
      REGISTRY.pusher().pushBlob(repository, configBlob);
      ObjectNode manifest =
          JSON.createObjectNode()
              .put("schemaVersion", 2)
              .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
      manifest.set("config", descriptor(configBlob));
      manifest.putArray("layers").add(descriptor(layer));
      byte[] bytes = JSON.writeValueAsBytes(manifest);
      String digest =
          REGISTRY
              .pusher()
              .pushManifest(repository, digestOf(bytes), manifest.get("mediaType").asText(), bytes);
      entries.add(
          Map.of(
              "mediaType",
              manifest.get("mediaType").asText(),
              "digest",
              digest,
              "size",
              bytes.length,
              "platform",
              Map.of("os", "linux", "architecture", arch)));
      if (root == amd64Root) {
        dockerSaveTar(scratch.resolve("base-amd64.tar"), configBlob, layerFile);
      }
    }
    ObjectNode index =
        JSON.createObjectNode()
            .put("schemaVersion", 2)
            .put("mediaType", "application/vnd.oci.image.index.v1+json");
    index.set("manifests", JSON.valueToTree(entries));
    REGISTRY
        .pusher()
        .pushManifest(
            repository, tag, index.get("mediaType").asText(), JSON.writeValueAsBytes(index));
  }

  /** Writes root as a gzipped tar layer owned by root with fixed times; returns its diff ID. */
  private static String layer(Path root, Path gzipped) throws Exception {
    Path tar = Path.of(gzipped.toString().replace(".gz", ""));
    run(
            List.of(
                "tar",
                "--sort=name",
                "--owner=0",
                "--group=0",
                "--numeric-owner",
                "--mtime=@0",
                "-cf",
                tar.toString(),
                "-C",
                root.toString(),
                "."),
            null,
            Map.of())
        .ok();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(tar);
        OutputStream out =
            new GZIPOutputStream(Files.newOutputStream(gzipped)) {
              {
                def.setLevel(Deflater.BEST_SPEED);
              }
            };
        DigestOutputStream digesting = new DigestOutputStream(out, sha)) {
      in.transferTo(digesting);
    }
    Files.delete(tar);
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  private void dockerSaveTar(Path tar, Blob config, Path layer) throws Exception {
    Path dir = Files.createDirectories(scratch.resolve("docker-save"));
    Files.write(dir.resolve("config.json"), config.content());
    Files.copy(layer, dir.resolve("layer.tar.gz"));
    ArrayNode manifest = JSON.createArrayNode();
    manifest.addObject().put("Config", "config.json").putArray("Layers").add("layer.tar.gz");
    JSON.writeValue(dir.resolve("manifest.json").toFile(), manifest);
    run(
            List.of(
                "tar",
                "-cf",
                tar.toString(),
                "-C",
                dir.toString(),
                "manifest.json",
                "config.json",
                "layer.tar.gz"),
            null,
            Map.of())
        .ok();
  }

  private static ObjectNode descriptor(Blob blob) {
    return JSON.createObjectNode()
        .put("mediaType", blob.mediaType())
        .put("digest", blob.digest())
        .put("size", blob.content().length);
  }

  private static String digestOf(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  // ---- processes -------------------------------------------------------------------------------

  /**
   * Runs the project's Maven wrapper on this module and what it needs, with this build's local
   * repository.
   */
  private void maven(boolean offline, String... args) throws Exception {
    Path project = Path.of(System.getProperty("project.root")).toAbsolutePath().normalize();
    List<String> command =
        new ArrayList<>(
            List.of(
                project.resolve("mvnw").toString(),
                "-B",
                "-ntp",
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"),
                "-f",
                project.resolve("pom.xml").toString(),
                "-pl",
                "operator",
                "-am",
                "-DskipTests",
                "-Djib.disableUpdateChecks=true",
                "-Djib.baseImageCache=" + scratch.resolve("jib-cache"),
                "-Djib.applicationCache=" + scratch.resolve("jib-app"),
                "-Dimage.revision=" + REVISION,
                "-Dimage.created=" + CREATED));
    if (offline) {
      command.add("-o");
    }
    command.addAll(List.of(args));
    Result result = run(command, project, Map.of());
    assertThat(result.code())
        .as(() -> String.join(" ", command) + "\n" + tail(result.out()))
        .isZero();
  }

  private record Result(int code, String out) {
    Result ok() {
      assertThat(code).as(out).isZero();
      return this;
    }
  }

  private static Result run(List<String> command, Path dir, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    builder.environment().putAll(env);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return new Result(-1, out);
    }
    return new Result(p.exitValue(), out);
  }

  private static String tail(String out) {
    List<String> lines = out.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
