package dev.imagestreams.registry;

import dev.imagestreams.registry.manifest.ImageMetadata;
import dev.imagestreams.registry.manifest.Layer;
import dev.imagestreams.registry.manifest.MediaTypes;
import dev.imagestreams.registry.manifest.Platform;
import dev.imagestreams.registry.manifest.PlatformManifest;
import dev.imagestreams.registry.reference.Digest;
import dev.imagestreams.registry.reference.ImageReference;
import java.util.List;

/**
 * An image reference resolved against its registry.
 *
 * @param reference the reference as requested
 * @param sourceDigest the digest the reference pointed at: the list's digest for a manifest list
 * @param digest the digest of the recorded image: a child's digest when {@code Legacy} picked one
 *     platform of a list, else {@link #sourceDigest()}
 * @param mediaType the recorded image's manifest media type
 * @param manifestSize the recorded image's manifest size in bytes
 * @param layers the layers, base first; empty for a list
 * @param size the sum of the layer sizes; 0 for a list
 * @param metadata the config metadata; null for a list
 * @param manifests the platform images of a list recorded with {@code PreserveOriginal}; else empty
 * @param platform the recorded image's platform: the one {@code Legacy} chose from a list, else the
 *     one its config names; null for a list kept whole, or a config that names none
 */
public record ResolvedImage(
    ImageReference reference,
    Digest sourceDigest,
    Digest digest,
    String mediaType,
    long manifestSize,
    List<Layer> layers,
    long size,
    ImageMetadata metadata,
    List<PlatformManifest> manifests,
    Platform platform) {

  public ResolvedImage {
    layers = List.copyOf(layers);
    manifests = List.copyOf(manifests);
  }

  /** The pull spec to record: the user's spelling of the name with the digest. */
  public String pullSpec() {
    return reference.pullSpec(digest);
  }

  /** Whether the recorded image is a manifest list (PreserveOriginal). */
  public boolean isList() {
    return MediaTypes.isList(mediaType);
  }

  /** The same content as resolved for another reference (content is addressed by digest). */
  public ResolvedImage forReference(ImageReference other) {
    return new ResolvedImage(
        other,
        sourceDigest,
        digest,
        mediaType,
        manifestSize,
        layers,
        size,
        metadata,
        manifests,
        platform);
  }
}
