package dev.imagestreams.testinfra.registry;

import java.util.List;
import java.util.Objects;

/**
 * An image manifest that {@link ImagePusher} pushed, with everything a test needs to assert on it.
 *
 * @param push where it was pushed, its digest and exact bytes
 * @param platform the platform the config declares
 * @param config the config descriptor
 * @param layers the layer descriptors, in manifest order
 */
public record PushedImage(
    ManifestPush push, Platform platform, Descriptor config, List<Layer> layers)
    implements PushedManifest {

  /**
   * Copies the layers.
   *
   * @param push the push
   * @param platform the platform
   * @param config the config descriptor
   * @param layers the layers
   */
  public PushedImage {
    Objects.requireNonNull(push, "push");
    layers = List.copyOf(layers);
  }

  /**
   * The config digest.
   *
   * @return {@code sha256:...}
   */
  public String configDigest() {
    return config.digest();
  }

  @Override
  public String toString() {
    return "PushedImage["
        + reference()
        + ", "
        + mediaType()
        + ", "
        + platform
        + ", "
        + digest()
        + "]";
  }

  /**
   * A content descriptor.
   *
   * @param mediaType the media type
   * @param digest the content digest
   * @param size the content size in bytes
   */
  public record Descriptor(String mediaType, String digest, long size) {}

  /**
   * A layer descriptor with the digest of its uncompressed content.
   *
   * @param mediaType the layer media type
   * @param digest the digest of the blob as stored (compressed)
   * @param size the blob size in bytes
   * @param diffId the digest of the uncompressed layer, as listed in the config's {@code
   *     rootfs.diff_ids}
   */
  public record Layer(String mediaType, String digest, long size, String diffId) {}
}
