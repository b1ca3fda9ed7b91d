package dev.imagestreams.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A server or tool the integration tests run, which {@code test-infra/build.sh} builds from the Go
 * modules pinned in {@code test-infra/<module>/go.mod} into {@code
 * ${KUBE_API_TEST_DIR:-~/.kubeapitest}}. The test command runs build.sh before the integration
 * tests, so a machine with Go has them all.
 *
 * <p>Where one is missing, the tests that need it are skipped with one line saying what is missing
 * and how to get it ({@link #missing()}); with {@code CI=true} (or {@code
 * KUBE_BINARIES_REQUIRED=true}) they fail with that line instead. {@link #require()} does that in
 * code, {@link RequiresBuilt} for a test class.
 */
public enum BuiltBinary {
  /** The CNCF distribution registry, {@code registry/<version>/registry}. */
  DISTRIBUTION_REGISTRY(
      "the CNCF distribution registry",
      "registry",
      "github.com/distribution/distribution/v3",
      "registry",
      List.of("registry")),
  /** crane, the registry client the fixture self-tests read back with. */
  CRANE("crane", "crane", "github.com/google/go-containerregistry", "crane", List.of("crane")),
  /** kube-apiserver, etcd and kubectl, in fabric8 kube-api-test's layout. */
  KUBE_CONTROL_PLANE(
      "kube-apiserver, etcd and kubectl",
      "kube",
      "k8s.io/kubernetes",
      "k8s",
      List.of("kube-apiserver", "etcd", "kubectl")),
  /** helm. */
  HELM("helm", "helm", "helm.sh/helm/v3", "helm", List.of("helm")),
  /**
   * argocd-health: runs an Argo CD {@code health.lua} on an object with gopher-lua, the Lua
   * interpreter Argo CD embeds ({@code test-infra/lua}).
   */
  ARGOCD_LUA(
      "argocd-health (Argo CD's Lua health checks on gopher-lua)",
      "lua",
      "github.com/yuin/gopher-lua",
      "lua",
      List.of("argocd-health"));

  /** System property naming the repository's {@code test-infra} directory (set by the POM). */
  public static final String TEST_INFRA_PROPERTY = "test.infra.dir";

  private static final Set<BuiltBinary> REPORTED = ConcurrentHashMap.newKeySet();

  private final String description;
  private final String moduleDirectory;
  private final String modulePath;
  private final String outputDirectory;
  private final List<String> executables;

  BuiltBinary(
      String description,
      String moduleDirectory,
      String modulePath,
      String outputDirectory,
      List<String> executables) {
    this.description = description;
    this.moduleDirectory = moduleDirectory;
    this.modulePath = modulePath;
    this.outputDirectory = outputDirectory;
    this.executables = executables;
  }

  /**
   * The directory build.sh writes this binary into: {@code <dir>/<name>/<version>/}, and for
   * kube-apiserver kube-api-test's {@code <dir>/k8s/<version>-linux-<arch>/}, where the version is
   * the one {@code test-infra/<module>/go.mod} pins.
   *
   * @return the directory, which may not exist
   */
  public Path directory() {
    Path parent = outputRoot().resolve(outputDirectory);
    return pinnedVersion()
        .map(version -> parent.resolve(versionDirectory(version)))
        .or(() -> newestBuilt(parent))
        .orElse(parent);
  }

  /**
   * The main executable: {@code registry}, {@code crane}, {@code kube-apiserver} or {@code helm}.
   *
   * @return its path, which may not exist
   */
  public Path path() {
    return directory().resolve(executables.get(0));
  }

  /**
   * Tells whether build.sh has built it (every executable of it is there).
   *
   * @return {@code true} when the tests can run it
   */
  public boolean isBuilt() {
    Path directory = directory();
    return executables.stream().allMatch(name -> Files.isExecutable(directory.resolve(name)));
  }

  /**
   * One line: what is missing, where it was looked for and how to get it.
   *
   * @return the line
   */
  public String missing() {
    return "not built: "
        + description
        + " (no "
        + path()
        + "); run test-infra/build.sh, which needs Go (https://go.dev/doc/install); ./mvnw verify"
        + " runs it before the integration tests";
  }

  /**
   * Returns when it is built; otherwise skips the calling test with {@link #missing()}, or fails it
   * when {@link #required()}.
   *
   * @throws IllegalStateException when it is missing and required
   */
  public void require() {
    if (isBuilt()) {
      return;
    }
    if (required()) {
      throw new IllegalStateException(missing() + " [required: CI=true]");
    }
    report();
    Assumptions.abort(missing());
  }

  /** Prints {@link #missing()} once per JVM, so that a skip shows in the build's output. */
  public void report() {
    if (REPORTED.add(this)) {
      System.err.println("SKIPPED: " + missing());
    }
  }

  /**
   * Whether a missing binary fails the tests instead of skipping them: with {@code CI=true} or
   * {@code KUBE_BINARIES_REQUIRED=true}, as in {@code test-infra/build.sh}.
   *
   * @return {@code true} in CI
   */
  public static boolean required() {
    return "true".equals(System.getenv("CI"))
        || "true".equals(System.getenv("KUBE_BINARIES_REQUIRED"));
  }

  /**
   * Where build.sh writes: {@code $KUBE_API_TEST_DIR}, else {@code ~/.kubeapitest} (kube-api-test's
   * own default).
   *
   * @return the directory
   */
  public static Path outputRoot() {
    String configured = System.getenv("KUBE_API_TEST_DIR");
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".kubeapitest");
  }

  /**
   * The repository's {@code test-infra} directory: the {@value #TEST_INFRA_PROPERTY} system
   * property, else the first {@code test-infra} with a {@code build.sh} above the working
   * directory.
   *
   * @return the directory, if found
   */
  public static Optional<Path> testInfra() {
    String configured = System.getProperty(TEST_INFRA_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured).toAbsolutePath().normalize());
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("test-infra").resolve("build.sh"))) {
        return Optional.of(dir.resolve("test-infra"));
      }
    }
    return Optional.empty();
  }

  /**
   * The version of this binary's module that {@code test-infra/<module>/go.mod} requires, without
   * its {@code v}.
   *
   * @return the version, if the go.mod is found and names the module
   */
  public Optional<String> pinnedVersion() {
    return testInfra()
        .map(dir -> dir.resolve(moduleDirectory).resolve("go.mod"))
        .filter(Files::isRegularFile)
        .flatMap(goMod -> requiredVersion(read(goMod), modulePath));
  }

  /** The version a go.mod requires of a module ({@code require M vX} or in a require block). */
  static Optional<String> requiredVersion(String goMod, String module) {
    Matcher matcher =
        Pattern.compile("(?m)^\\s*(?:require\\s+)?" + Pattern.quote(module) + "\\s+v(\\S+)")
            .matcher(goMod);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  private String versionDirectory(String version) {
    return this == KUBE_CONTROL_PLANE ? version + "-linux-" + goArch() : version;
  }

  /** Without a go.mod to read (the test jar outside the repository): the newest one built. */
  private Optional<Path> newestBuilt(Path parent) {
    if (!Files.isDirectory(parent)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(parent)) {
      return versions
          .filter(v -> executables.stream().allMatch(name -> Files.isExecutable(v.resolve(name))))
          .max(Comparator.comparing(v -> v.getFileName().toString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String goArch() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
