package dev.imagestreams.engine;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.planning.FollowedStreams;
import dev.imagestreams.engine.planning.StreamLookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Streams resolved together, without a store of streams: every round is opened, its imports
 * awaited, and the statuses composed so that a stream is composed after the streams it follows
 * (whose new status it reads). Streams that follow each other in a circle, which no order can
 * serve, are composed again until none changes (a chain of n such streams settles in n passes).
 */
final class StreamSet {
  private final Map<StreamId, ImageStream> streams = new LinkedHashMap<>();

  /**
   * @throws IllegalArgumentException if two streams have the same namespace and name
   */
  StreamSet(List<ImageStream> streams) {
    for (ImageStream stream : streams) {
      if (this.streams.putIfAbsent(StreamId.of(stream), stream) != null) {
        throw new IllegalArgumentException(
            "ImageStream " + StreamId.of(stream) + " is given twice");
      }
    }
  }

  /** Each stream's status, in the order given. */
  Map<StreamId, ImageStreamStatus> resolve(Function<ImageStream, StreamRound> open)
      throws InterruptedException {
    Map<StreamId, StreamRound> rounds = new LinkedHashMap<>();
    streams.forEach((id, stream) -> rounds.put(id, open.apply(stream)));
    for (StreamRound round : rounds.values()) {
      await(round);
    }
    Map<StreamId, ImageStream> composed = new LinkedHashMap<>(streams);
    StreamLookup lookup =
        (namespace, name) -> Optional.ofNullable(composed.get(new StreamId(namespace, name)));
    List<StreamId> circles = new ArrayList<>();
    for (StreamId id : dependencyOrder(circles)) {
      composed.put(id, withStatus(streams.get(id), rounds.get(id).compose(lookup)));
    }
    for (int pass = 0; pass <= circles.size(); pass++) {
      boolean changed = false;
      for (StreamId id : circles) {
        ImageStreamStatus status = rounds.get(id).compose(lookup);
        if (!Objects.equals(status, composed.get(id).getStatus())) {
          composed.put(id, withStatus(streams.get(id), status));
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    Map<StreamId, ImageStreamStatus> statuses = new LinkedHashMap<>();
    composed.forEach((id, stream) -> statuses.put(id, stream.getStatus()));
    return statuses;
  }

  /**
   * The streams each after the streams of this set it follows (Kahn's order, ties in the order
   * given); those left over follow each other in a circle, or follow such a stream, and go to
   * {@code circles}.
   */
  private List<StreamId> dependencyOrder(List<StreamId> circles) {
    Map<StreamId, Set<StreamId>> sources = new LinkedHashMap<>();
    streams.forEach(
        (id, stream) -> {
          Set<StreamId> inSet = new LinkedHashSet<>(FollowedStreams.of(stream));
          inSet.retainAll(streams.keySet());
          sources.put(id, inSet);
        });
    List<StreamId> order = new ArrayList<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (var entry : sources.entrySet()) {
        if (!order.contains(entry.getKey()) && order.containsAll(entry.getValue())) {
          order.add(entry.getKey());
          progress = true;
        }
      }
    }
    sources.keySet().stream().filter(id -> !order.contains(id)).forEach(circles::add);
    return order;
  }

  private static void await(StreamRound round) throws InterruptedException {
    try {
      round.arrivals().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("an import of " + round.id() + " was cancelled", e);
    }
  }

  /** A copy of the stream (metadata and spec shared) with another status. */
  private static ImageStream withStatus(ImageStream stream, ImageStreamStatus status) {
    ImageStream copy = new ImageStream();
    copy.setMetadata(stream.getMetadata());
    copy.setSpec(stream.getSpec());
    copy.setStatus(status);
    return copy;
  }
}
