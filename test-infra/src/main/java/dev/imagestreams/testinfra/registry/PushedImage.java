package dev.imagestreams.testinfra.registry;

import java.util.List;
import java.util.Objects;

/**
 * An image manifest that {@link ImagePusher} pushed, with everything a test needs to assert on it.
 *
 * @param registry the registry's {@code host:port} as the pusher addressed it
 * @param repository the repository, for example {@code team/app}
 * @param tag the tag, or {@code null} when pushed by digest only
 * @param digest the manifest digest, confirmed by the registry's {@code Docker-Content-Digest}
 * @param mediaType the manifest media type
 * @param manifest the exact manifest bytes (copied)
 * @param platform the platform the config declares
 * @param config the config descriptor
 * @param layers the layer descriptors, in manifest order
 */
public record PushedImage(
    String registry,
    String repository,
    String tag,
    String digest,
    String mediaType,
    byte[] manifest,
    Platform platform,
    Descriptor config,
    List<Layer> layers)
    implements PushedManifest {

  /**
   * Copies the arrays and lists.
   *
   * @param registry the registry host
   * @param repository the repository
   * @param tag the tag or {@code null}
   * @param digest the manifest digest
   * @param mediaType the manifest media type
   * @param manifest the manifest bytes
   * @param platform the platform
   * @param config the config descriptor
   * @param layers the layers
   */
  public PushedImage {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(digest, "digest");
    manifest = manifest.clone();
    layers = List.copyOf(layers);
  }

  /**
   * The exact manifest bytes.
   *
   * @return a copy
   */
  @Override
  public byte[] manifest() {
    return manifest.clone();
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
  public boolean equals(Object other) {
    return other instanceof PushedImage image && PushedManifest.samePush(this, image);
  }

  @Override
  public int hashCode() {
    return PushedManifest.hash(this);
  }

  @Override
  public String toString() {
    return "PushedImage[" + reference() + ", " + mediaType + ", " + platform + ", " + digest + "]";
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
