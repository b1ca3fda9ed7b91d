package dev.imagestreams.engine.importer;

import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.engine.imports.ImportOutcome;
import java.time.Duration;

/** Observes completed imports (for metrics). */
@FunctionalInterface
public interface ImportListener {
  ImportListener NONE = (key, outcome, duration, scheduled) -> {};

  /**
   * An import completed.
   *
   * @param key what was imported
   * @param outcome the result; null when a scheduled check found nothing new (one HEAD)
   * @param duration how long it took, waiting in the registry's lane included
   * @param scheduled whether it was a scheduled check
   */
  void imported(ImportKey key, ImportOutcome outcome, Duration duration, boolean scheduled);
}
