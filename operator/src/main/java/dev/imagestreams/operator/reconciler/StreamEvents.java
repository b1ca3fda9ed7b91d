package dev.imagestreams.operator.reconciler;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.operator.planning.ReferenceGrant;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reconciles streams when something other than their own spec changes: an import result arrived,
 * the configuration changed, or a stream they reference (by {@code ImageStreamTag} or {@code
 * ImageStreamImage}, in any namespace) appeared, changed its images or grant, or was deleted. It
 * sees every event of the primary informer and finds a source's followers through an index on the
 * primary cache ({@link #FOLLOWS_INDEX}), so no second informer and no index of its own are needed.
 */
public final class StreamEvents extends SimpleInboundEventSource<ImageStream>
    implements ResourceEventAware<ImageStream> {
  /** The primary cache's index of streams by the streams they follow ({@code namespace/name}). */
  static final String FOLLOWS_INDEX = "follows";

  private final Consumer<ResourceID> onDeleted;
  private volatile IndexerResourceCache<ImageStream> streams;

  /**
   * @param onDeleted forgets in-memory state of a deleted stream
   */
  public StreamEvents(Consumer<ResourceID> onDeleted) {
    super("stream-events");
    this.onDeleted = onDeleted;
  }

  /** The primary cache, before it starts: indexes it by the streams each stream follows. */
  void setStreams(IndexerResourceCache<ImageStream> streams) {
    streams.addIndexer(FOLLOWS_INDEX, StreamEvents::followed);
    this.streams = streams;
  }

  /** A stream from the informer cache. */
  public Optional<ImageStream> get(ResourceID stream) {
    return streams == null ? Optional.empty() : streams.get(stream);
  }

  /** Reconciles one stream. */
  public void reconcile(ResourceID stream) {
    propagateEvent(stream);
  }

  /** Reconciles every stream (after a configuration change). */
  public void reconcileAll() {
    if (streams != null) {
      streams.list().forEach(s -> propagateEvent(ResourceID.fromResource(s)));
    }
  }

  @Override
  public void onResourceCreated(ImageStream resource) {
    notifyDependents(resource);
  }

  @Override
  public void onResourceUpdated(ImageStream updated, ImageStream old) {
    boolean imagesChanged = !Objects.equals(updated.getStatus(), old.getStatus());
    boolean grantChanged =
        !Objects.equals(
            updated.annotation(ReferenceGrant.ANNOTATION),
            old.annotation(ReferenceGrant.ANNOTATION));
    if (imagesChanged || grantChanged) {
      notifyDependents(updated);
    }
  }

  @Override
  public void onResourceDeleted(ImageStream resource) {
    notifyDependents(resource);
    onDeleted.accept(ResourceID.fromResource(resource));
  }

  /** Reconciles the streams that follow the source, as the cache holds them now. */
  private void notifyDependents(ImageStream source) {
    IndexerResourceCache<ImageStream> cache = streams;
    if (cache != null) {
      cache
          .byIndex(
              FOLLOWS_INDEX,
              key(source.getMetadata().getNamespace(), source.getMetadata().getName()))
          .forEach(follower -> propagateEvent(ResourceID.fromResource(follower)));
    }
  }

  /**
   * The streams this stream follows by {@code ImageStreamTag} or {@code ImageStreamImage}, itself
   * excepted.
   */
  static List<String> followed(ImageStream stream) {
    if (stream.getSpec() == null) {
      return List.of();
    }
    String namespace = stream.getMetadata().getNamespace();
    String name = stream.getMetadata().getName();
    String self = key(namespace, name);
    Set<String> referenced = new LinkedHashSet<>();
    for (TagReference tag : stream.getSpec().tagList()) {
      if (tag.from() != null) {
        tag.from()
            .streamReference(namespace, name)
            .map(ref -> key(ref.namespace(), ref.stream()))
            .filter(source -> !source.equals(self))
            .ifPresent(referenced::add);
      }
    }
    return List.copyOf(referenced);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
