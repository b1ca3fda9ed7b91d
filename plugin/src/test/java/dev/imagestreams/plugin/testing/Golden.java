package dev.imagestreams.plugin.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/}: the expected output, byte for byte (tabs
 * included). {@code -Dgolden.update=true} rewrites them from the actual output (review the diff).
 */
public final class Golden {
  private static final Path SOURCE_DIR = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  public static void assertMatches(String name, String actual) {
    if (Boolean.getBoolean("golden.update")) {
      try {
        Files.createDirectories(SOURCE_DIR);
        Files.writeString(SOURCE_DIR.resolve(name), actual);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    assertThat(actual).as("golden/" + name).isEqualTo(read(name));
  }

  private static String read(String name) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new AssertionError(
            "no golden file golden/" + name + ": run once with -Dgolden.update=true and review it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
