package dev.imagestreams.engine.planning;

import dev.imagestreams.api.v1.ImageStream;
import java.util.Optional;

/** Reads other ImageStreams (from the informer cache in the operator, from a map in tests). */
@FunctionalInterface
public interface StreamLookup {
  Optional<ImageStream> get(String namespace, String name);
}
