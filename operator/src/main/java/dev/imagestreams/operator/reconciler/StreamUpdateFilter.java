package dev.imagestreams.operator.reconciler;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.engine.planning.ImportPlanner;
import dev.imagestreams.engine.planning.RegistryAccessPolicy;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Which updates of a stream need a reconciliation: a spec change (a new generation), and changes of
 * the annotations the operator reads (the import request, the stream-wide insecure flag). Status
 * writes, including the operator's own, do not.
 */
public final class StreamUpdateFilter implements OnUpdateFilter<ImageStream> {
  @Override
  public boolean accept(ImageStream updated, ImageStream old) {
    if (!Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())) {
      return true;
    }
    return changed(updated, old, ImportPlanner.IMPORT_REQUEST_ANNOTATION)
        || changed(updated, old, RegistryAccessPolicy.INSECURE_REPOSITORY_ANNOTATION);
  }

  private static boolean changed(ImageStream updated, ImageStream old, String annotation) {
    return !Objects.equals(updated.annotation(annotation), old.annotation(annotation));
  }
}
