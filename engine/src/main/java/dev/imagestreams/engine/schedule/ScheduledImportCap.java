package dev.imagestreams.engine.schedule;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.importer.TokenBucket;
import java.time.Instant;
import java.util.Optional;

/**
 * The cluster-wide cap on scheduled imports ({@code maxScheduledImageImportsPerMinute}, a burst of
 * two seconds' worth): a scheduled check that found a new digest must download its manifest and
 * config, and those downloads are what the cap counts. A check of an unchanged tag (one {@code
 * HEAD}) is never counted; it is bounded by its registry's rate alone. Thread-safe.
 */
public final class ScheduledImportCap {
  private TokenBucket bucket; // null: no cap

  public ScheduledImportCap(ImportConfig config, Instant now) {
    configure(config, now);
  }

  /** Applies a new cap, keeping the imports saved up (to the new burst). */
  public synchronized void configure(ImportConfig config, Instant now) {
    int perMinute = config.imageImport().maxScheduledImageImportsPerMinute();
    if (perMinute < 0) {
      bucket = null;
      return;
    }
    double rate = perMinute / 60.0;
    double burst = Math.max(1, Math.ceil(2 * rate));
    if (bucket == null) {
      bucket = new TokenBucket(rate, burst, now);
    } else {
      bucket.reconfigure(rate, burst, now);
    }
  }

  /**
   * Admits one scheduled import now, or says when the cap allows the next one.
   *
   * @return empty when admitted
   */
  synchronized Optional<Instant> admit(Instant now) {
    if (bucket == null || bucket.tryTake(now)) {
      return Optional.empty();
    }
    return Optional.of(bucket.nextTokenAt(now));
  }
}
