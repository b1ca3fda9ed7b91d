package dev.imagestreams.registry.manifest;

import dev.imagestreams.registry.reference.Digest;
import java.util.Map;

/**
 * A content descriptor from a manifest: media type, digest and size, plus annotations.
 *
 * @param mediaType the media type of the referenced content
 * @param digest the digest of the referenced content
 * @param size the size in bytes of the referenced content
 * @param annotations descriptor annotations, never null
 */
public record Descriptor(
    String mediaType, Digest digest, long size, Map<String, String> annotations) {
  public Descriptor {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}
