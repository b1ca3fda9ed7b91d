package dev.imagestreams.operator.reconciler;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.operator.planning.ReferenceGrant;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reconciles streams when something other than their own spec changes: an import result arrived,
 * the configuration changed, or a stream they reference (by {@code ImageStreamTag} or {@code
 * ImageStreamImage}, in any namespace) appeared, changed its images or grant, or was deleted. It
 * sees every event of the primary informer, so no second informer on ImageStreams is needed.
 */
public final class StreamEvents extends SimpleInboundEventSource<ImageStream> implements ResourceEventAware<ImageStream> {
  private final Map<ResourceID, Set<ResourceID>> dependents = new ConcurrentHashMap<>();
  private final Map<ResourceID, Set<ResourceID>> sources = new ConcurrentHashMap<>();
  private final Consumer<ResourceID> onDeleted;
  private volatile IndexerResourceCache<ImageStream> streams;

  /** @param onDeleted forgets in-memory state of a deleted stream */
  public StreamEvents(Consumer<ResourceID> onDeleted) {
    super("stream-events");
    this.onDeleted = onDeleted;
  }

  void setStreams(IndexerResourceCache<ImageStream> streams) {
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
    index(resource);
    notifyDependents(resource);
  }

  @Override
  public void onResourceUpdated(ImageStream updated, ImageStream old) {
    if (!Objects.equals(updated.getSpec(), old.getSpec())) {
      index(updated);
    }
    boolean imagesChanged = !Objects.equals(updated.getStatus(), old.getStatus());
    boolean grantChanged =
        !Objects.equals(updated.annotation(ReferenceGrant.ANNOTATION), old.annotation(ReferenceGrant.ANNOTATION));
    if (imagesChanged || grantChanged) {
      notifyDependents(updated);
    }
  }

  @Override
  public void onResourceDeleted(ImageStream resource) {
    ResourceID id = ResourceID.fromResource(resource);
    unindex(id);
    notifyDependents(resource);
    onDeleted.accept(id);
  }

  private void notifyDependents(ImageStream source) {
    Set<ResourceID> waiting = dependents.get(ResourceID.fromResource(source));
    if (waiting != null) {
      Set.copyOf(waiting).forEach(this::propagateEvent);
    }
  }

  private void index(ImageStream stream) {
    ResourceID id = ResourceID.fromResource(stream);
    unindex(id);
    Set<ResourceID> referenced = new HashSet<>();
    if (stream.getSpec() != null) {
      for (TagReference tag : stream.getSpec().tagList()) {
        if (tag.from() == null) {
          continue;
        }
        tag.from()
            .streamReference(stream.getMetadata().getNamespace(), stream.getMetadata().getName())
            .map(ref -> new ResourceID(ref.stream(), ref.namespace()))
            .filter(source -> !source.equals(id))
            .ifPresent(referenced::add);
      }
    }
    sources.put(id, referenced);
    referenced.forEach(s -> dependents.computeIfAbsent(s, k -> ConcurrentHashMap.newKeySet()).add(id));
  }

  private void unindex(ResourceID id) {
    Set<ResourceID> previous = sources.remove(id);
    if (previous != null) {
      previous.forEach(s -> dependents.computeIfPresent(s, (k, v) -> {
        v.remove(id);
        return v.isEmpty() ? null : v;
      }));
    }
  }
}
