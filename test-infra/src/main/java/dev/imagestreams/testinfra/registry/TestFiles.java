package dev.imagestreams.testinfra.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** File helpers shared by the fixtures: temp directories, bundled resources, log tails. */
final class TestFiles {

  /** Classpath folder of the bundled key material and password file. */
  static final String RESOURCE_DIR = "/dev/imagestreams/testinfra/registry/";

  private TestFiles() {}

  static Path createTempDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  /** Deletes a directory tree, ignoring files that are already gone. */
  static void deleteRecursively(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }

  /** Reads a bundled resource such as {@code token.pem}. */
  static byte[] readResource(String name) {
    try (InputStream in = openResource(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + RESOURCE_DIR + name, e);
    }
  }

  /** Copies a bundled resource to {@code directory/name} so that a child process can read it. */
  static Path materializeResource(String name, Path directory) {
    Path target = directory.resolve(name);
    try (InputStream in = openResource(name)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy resource " + RESOURCE_DIR + name + " to " + target, e);
    }
  }

  /** The last {@code lines} lines of a text file, or a note when it cannot be read. */
  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join(
          System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "<cannot read " + file + ": " + e.getMessage() + ">";
    }
  }

  private static InputStream openResource(String name) {
    InputStream in = TestFiles.class.getResourceAsStream(RESOURCE_DIR + name);
    if (in == null) {
      throw new IllegalStateException(
          "resource " + RESOURCE_DIR + name + " is missing from the classpath");
    }
    return in;
  }
}
