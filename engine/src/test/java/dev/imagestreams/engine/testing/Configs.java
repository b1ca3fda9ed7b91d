package dev.imagestreams.engine.testing;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.ImportConfigParser;
import dev.imagestreams.engine.config.InvalidConfigException;
import java.time.Duration;
import java.util.Optional;

/** Configurations for tests, written as the ConfigMap's document. */
public final class Configs {
  private Configs() {}

  /** The configuration of a document (no trusted-CA ConfigMap exists). */
  public static ImportConfig yaml(String document) {
    try {
      return new ImportConfigParser(name -> Optional.empty()).parse(document);
    } catch (InvalidConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The default configuration with another schedule. */
  public static ImportConfig schedule(Duration interval, int perMinute, boolean disabled) {
    return yaml(
        "imageImport: {scheduledImageImportMinimumIntervalSeconds: "
            + interval.toSeconds()
            + ", maxScheduledImageImportsPerMinute: "
            + perMinute
            + ", disableScheduledImport: "
            + disabled
            + "}");
  }
}
