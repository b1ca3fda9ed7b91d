package dev.imagestreams.engine.planning;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.engine.imports.StreamId;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The other streams a stream's tags follow by {@code ImageStreamTag} or {@code ImageStreamImage}:
 * whose status its own status is composed from. The operator indexes its cache by them (a change of
 * a source reconciles its followers); the engine composes a set of streams in their order.
 */
public final class FollowedStreams {
  private FollowedStreams() {}

  /** The streams {@code stream} follows, itself excepted, in spec order. */
  public static Set<StreamId> of(ImageStream stream) {
    Set<StreamId> followed = new LinkedHashSet<>();
    if (stream.getSpec() == null) {
      return followed;
    }
    StreamId self = StreamId.of(stream);
    for (TagReference tag : stream.getSpec().tagList()) {
      if (tag.from() != null) {
        tag.from()
            .streamReference(self.namespace(), self.name())
            .map(ref -> new StreamId(ref.namespace(), ref.stream()))
            .filter(source -> !source.equals(self))
            .ifPresent(followed::add);
      }
    }
    return followed;
  }
}
