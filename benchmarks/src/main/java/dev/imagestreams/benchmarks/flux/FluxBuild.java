package dev.imagestreams.benchmarks.flux;

import dev.imagestreams.testinfra.BuiltBinary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Flux's image-reflector-controller and its CRDs as {@code test-infra/build.sh
 * flux-image-reflector} builds them: {@code ${KUBE_API_TEST_DIR:-~/.kubeapitest}/
 * flux-image-reflector/<version>/}, the version being the one {@code
 * test-infra/flux-image-reflector/go.mod} pins. Only this benchmark needs it, so neither the tests
 * nor CI build it.
 *
 * @param version the pinned version, without the {@code v}
 * @param binary the controller
 * @param crds the CRD files of the same module ({@code config/crd/bases})
 */
record FluxBuild(String version, Path binary, List<Path> crds) {
  static final String MODULE = "github.com/fluxcd/image-reflector-controller";
  static final String TARGET = "flux-image-reflector";

  /**
   * The build, or an error that says what is missing and which build.sh target makes it.
   *
   * @param repository the repository's root
   */
  static FluxBuild locate(Path repository) {
    Path goMod = repository.resolve("test-infra").resolve(TARGET).resolve("go.mod");
    String version = pinnedVersion(goMod);
    Path dir = BuiltBinary.outputRoot().resolve(TARGET).resolve(version);
    Path binary = dir.resolve("image-reflector-controller");
    Path crdDir = dir.resolve("crds");
    if (!Files.isExecutable(binary) || !Files.isDirectory(crdDir)) {
      throw new IllegalStateException(
          "not built: Flux's image-reflector-controller "
              + version
              + " (no "
              + binary
              + " with crds/ next to it); run test-infra/build.sh "
              + TARGET
              + " (Go 1.26 or newer and the Go module proxy; a few minutes cold). The test command"
              + " never builds it: only this benchmark needs it.");
    }
    try (Stream<Path> files = Files.list(crdDir)) {
      return new FluxBuild(
          version, binary, files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pinnedVersion(Path goMod) {
    try {
      Matcher m =
          Pattern.compile("(?m)^\\s*(?:require\\s+)?" + Pattern.quote(MODULE) + "\\s+v(\\S+)")
              .matcher(Files.readString(goMod));
      if (m.find()) {
        return m.group(1);
      }
      throw new IllegalStateException(goMod + " does not require " + MODULE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + goMod + " (set -Dbench.repository)", e);
    }
  }
}
