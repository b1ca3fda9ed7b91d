package dev.imagestreams.operator.reconciler;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.planning.FollowedStreams;
import dev.imagestreams.engine.planning.ReferenceGrant;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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

  private final Consumer<StreamId> onDeleted;
  private final List<Consumer<StreamId>> listeners = new CopyOnWriteArrayList<>();
  private volatile IndexerResourceCache<ImageStream> streams;
  private volatile Runnable lookupChanged = () -> {};

  /**
   * @param onDeleted forgets in-memory state of a deleted stream
   */
  public StreamEvents(Consumer<StreamId> onDeleted) {
    super("stream-events");
    this.onDeleted = onDeleted;
  }

  /** The primary cache, before it starts: indexes it by the streams each stream follows. */
  void setStreams(IndexerResourceCache<ImageStream> streams) {
    streams.addIndexer(FOLLOWS_INDEX, StreamEvents::followed);
    this.streams = streams;
  }

  /** A stream from the informer cache. */
  public Optional<ImageStream> get(StreamId stream) {
    return streams == null ? Optional.empty() : streams.get(id(stream));
  }

  /**
   * Also tells {@code listener} of every stream created, updated (any change: the image change
   * triggers re-evaluate the workloads that follow it) or deleted.
   */
  public void onChange(Consumer<StreamId> listener) {
    listeners.add(listener);
  }

  /** Every stream of the informer cache. */
  public List<ImageStream> all() {
    IndexerResourceCache<ImageStream> cache = streams;
    return cache == null ? List.of() : cache.list().toList();
  }

  /**
   * Told when a stream appears or goes, or its {@code lookupPolicy} changes: the namespaces image
   * lookup serves may have changed.
   */
  public void onLookupChanged(Runnable listener) {
    this.lookupChanged = listener;
  }

  /** Reconciles one stream. */
  public void reconcile(StreamId stream) {
    propagateEvent(id(stream));
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
    changed(resource);
    lookupChanged.run();
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
    changed(updated);
    if (!Objects.equals(lookupPolicy(updated), lookupPolicy(old))) {
      lookupChanged.run();
    }
  }

  @Override
  public void onResourceDeleted(ImageStream resource) {
    notifyDependents(resource);
    onDeleted.accept(StreamId.of(resource));
    changed(resource);
    lookupChanged.run();
  }

  private void changed(ImageStream stream) {
    if (!listeners.isEmpty()) {
      StreamId id = StreamId.of(stream);
      listeners.forEach(l -> l.accept(id));
    }
  }

  private static Object lookupPolicy(ImageStream s) {
    return s.getSpec() == null ? null : s.getSpec().lookupPolicy();
  }

  /** Reconciles the streams that follow the source, as the cache holds them now. */
  private void notifyDependents(ImageStream source) {
    IndexerResourceCache<ImageStream> cache = streams;
    if (cache != null) {
      cache
          .byIndex(FOLLOWS_INDEX, StreamId.of(source).toString())
          .forEach(follower -> propagateEvent(ResourceID.fromResource(follower)));
    }
  }

  /** The streams this stream follows, as keys of {@link #FOLLOWS_INDEX}. */
  static List<String> followed(ImageStream stream) {
    return FollowedStreams.of(stream).stream().map(StreamId::toString).toList();
  }

  private static ResourceID id(StreamId stream) {
    return new ResourceID(stream.name(), stream.namespace());
  }
}
