package dev.imagestreams.engine.status;

import dev.imagestreams.api.v1.ImageStream;
import java.time.Instant;

/**
 * When a status is composed, and for which generation of the stream: what every new history item,
 * condition and {@code observedGeneration} is stamped with.
 *
 * @param time the time, as Kubernetes writes it
 * @param generation the stream's {@code metadata.generation} (0 when unset)
 */
record Stamp(String time, long generation) {
  static Stamp of(ImageStream stream, Instant now) {
    Long generation = stream.getMetadata().getGeneration();
    return new Stamp(KubeTime.format(now), generation == null ? 0 : generation);
  }
}
