package dev.imagestreams.operator.reconciler;

import dev.imagestreams.api.v1.ImageStream;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.HashMap;
import java.util.Map;

/**
 * What the operator's cache keeps of each stream: everything it reads, and not the two parts that
 * can outweigh the rest and that it never reads: {@code metadata.managedFields} and the copy of the
 * spec that {@code kubectl apply} keeps in the {@value #LAST_APPLIED} annotation. Status writes go
 * to the status subresource, which ignores metadata, so nothing is lost on the server.
 */
public final class CachedStreams {
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private CachedStreams() {}

  /** The informer's store of streams, trimmed as they arrive. */
  public static ItemStore<ImageStream> store() {
    return new TransformingItemStore<>(CachedStreams::trim);
  }

  /** The stream without what the operator never reads; the same object, changed in place. */
  static ImageStream trim(ImageStream stream) {
    ObjectMeta metadata = stream.getMetadata();
    if (metadata == null) {
      return stream;
    }
    metadata.setManagedFields(null);
    Map<String, String> annotations = metadata.getAnnotations();
    if (annotations != null && annotations.containsKey(LAST_APPLIED)) {
      Map<String, String> kept = new HashMap<>(annotations);
      kept.remove(LAST_APPLIED);
      metadata.setAnnotations(kept);
    }
    return stream;
  }
}
