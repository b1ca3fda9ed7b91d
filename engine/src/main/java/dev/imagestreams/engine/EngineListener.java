package dev.imagestreams.engine;

import dev.imagestreams.engine.importer.ImportListener;
import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.engine.imports.ImportOutcome;
import dev.imagestreams.engine.schedule.ImportScheduler;
import dev.imagestreams.registry.http.RequestListener;
import java.time.Duration;

/**
 * Observes the engine: completed imports, scheduled checks and every registry request. The
 * operator's metrics implement it; {@link #NONE} observes nothing.
 */
public interface EngineListener extends ImportListener, ImportScheduler.Listener, RequestListener {
  EngineListener NONE = new EngineListener() {};

  @Override
  default void imported(
      ImportKey key, ImportOutcome outcome, Duration duration, boolean scheduled) {}
}
