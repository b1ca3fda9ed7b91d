package dev.imagestreams.engine.testing;

import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.registry.ImportMode;
import java.util.List;

/** Import keys for tests. */
public final class ImportKeys {
  private ImportKeys() {}

  /** The key of a Legacy import of {@code reference}, on {@code registry}, without credentials. */
  public static ImportKey anonymous(String registry, String reference) {
    return new ImportKey(reference, registry, ImportMode.LEGACY, List.of(), false, "anonymous");
  }
}
