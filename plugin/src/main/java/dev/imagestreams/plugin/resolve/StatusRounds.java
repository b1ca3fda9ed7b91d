package dev.imagestreams.plugin.resolve;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.operator.config.ImportConfig;
import dev.imagestreams.operator.imports.ImportOutcome;
import dev.imagestreams.operator.planning.StreamLookup;
import dev.imagestreams.operator.planning.StreamPlan;
import dev.imagestreams.operator.status.StatusComposer;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Composes the status of every stream with the operator's {@link StatusComposer}, once all imports
 * are done. A tag that follows another stream's tag reads that stream's composed status, as the
 * operator reads it from its cache: streams are composed again, each against the others' latest
 * statuses, until no status changes (a chain across n streams settles in n rounds). Pure.
 */
public final class StatusRounds {
  private StatusRounds() {}

  /**
   * The composed statuses.
   *
   * @param streams the streams without status, each with a namespace, by id
   * @param plans their plans
   * @param outcomes the import outcomes by stream and tag
   * @param config the configuration
   * @param now the time written into the statuses
   * @return the status of each stream, by id, in the order of {@code streams}
   */
  public static Map<ResourceID, ImageStreamStatus> compose(
      Map<ResourceID, ImageStream> streams,
      Map<ResourceID, StreamPlan> plans,
      Map<ResourceID, Map<String, ImportOutcome>> outcomes,
      ImportConfig config,
      Instant now) {
    Map<ResourceID, ImageStream> composed = new LinkedHashMap<>(streams);
    StreamLookup lookup =
        (namespace, name) -> Optional.ofNullable(composed.get(new ResourceID(name, namespace)));
    for (int round = 0; round <= streams.size(); round++) {
      boolean changed = false;
      for (Map.Entry<ResourceID, ImageStream> entry : streams.entrySet()) {
        ResourceID id = entry.getKey();
        StatusComposer.Result result =
            StatusComposer.compose(
                new StatusComposer.Input(
                    entry.getValue(),
                    plans.get(id),
                    outcomes.getOrDefault(id, Map.of()),
                    Set.of(),
                    lookup,
                    config,
                    now));
        if (!Objects.equals(result.status(), composed.get(id).getStatus())) {
          changed = true;
          composed.put(id, withStatus(entry.getValue(), result.status()));
        }
      }
      if (!changed) {
        break;
      }
    }
    Map<ResourceID, ImageStreamStatus> statuses = new LinkedHashMap<>();
    composed.forEach((id, stream) -> statuses.put(id, stream.getStatus()));
    return statuses;
  }

  /** A copy of the stream (metadata and spec shared) with another status. */
  static ImageStream withStatus(ImageStream stream, ImageStreamStatus status) {
    ImageStream copy = new ImageStream();
    copy.setMetadata(stream.getMetadata());
    copy.setSpec(stream.getSpec());
    copy.setStatus(status);
    return copy;
  }
}
