package dev.imagestreams.plugin.testing;

import dev.imagestreams.api.v1.ImageStream;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Streams as the operator leaves them, from {@code src/test/resources/fixtures/}. */
public final class Fixtures {
  /** The fixed "now" of the golden files: ages are measured from here. */
  public static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  private Fixtures() {}

  public static ImageStream stream(String file) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + file);
      }
      return Serialization.unmarshal(in, ImageStream.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
