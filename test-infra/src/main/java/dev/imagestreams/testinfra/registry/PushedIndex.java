package dev.imagestreams.testinfra.registry;

import java.util.List;
import java.util.Objects;

/**
 * An OCI index or Docker manifest list that {@link ImagePusher} pushed, with the child manifests it
 * pushed first.
 *
 * @param registry the registry's {@code host:port} as the pusher addressed it
 * @param repository the repository
 * @param tag the tag, or {@code null} when pushed by digest only
 * @param digest the index digest, confirmed by the registry's {@code Docker-Content-Digest}
 * @param mediaType the index media type
 * @param manifest the exact index bytes (copied)
 * @param children the referenced manifests, in index order, attestation manifests included
 */
public record PushedIndex(
    String registry,
    String repository,
    String tag,
    String digest,
    String mediaType,
    byte[] manifest,
    List<PushedImage> children)
    implements PushedManifest {

  /**
   * Copies the arrays and lists.
   *
   * @param registry the registry host
   * @param repository the repository
   * @param tag the tag or {@code null}
   * @param digest the index digest
   * @param mediaType the index media type
   * @param manifest the index bytes
   * @param children the children
   */
  public PushedIndex {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(digest, "digest");
    manifest = manifest.clone();
    children = List.copyOf(children);
  }

  /**
   * The exact index bytes.
   *
   * @return a copy
   */
  @Override
  public byte[] manifest() {
    return manifest.clone();
  }

  /**
   * The child for a platform.
   *
   * @param platform the platform, for example {@link Platform#LINUX_ARM64_V8}
   * @return the child image
   * @throws IllegalArgumentException when the index has no such platform
   */
  public PushedImage child(Platform platform) {
    return children.stream()
        .filter(child -> child.platform().equals(platform))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + platform + " image in " + this));
  }

  /**
   * The runnable images, without attestation manifests.
   *
   * @return the children whose platform is not {@code unknown/unknown}
   */
  public List<PushedImage> images() {
    return children.stream().filter(child -> !child.platform().equals(Platform.UNKNOWN)).toList();
  }

  /**
   * The attestation manifests (platform {@code unknown/unknown}).
   *
   * @return the attestation children, possibly none
   */
  public List<PushedImage> attestations() {
    return children.stream().filter(child -> child.platform().equals(Platform.UNKNOWN)).toList();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PushedIndex index && PushedManifest.samePush(this, index);
  }

  @Override
  public int hashCode() {
    return PushedManifest.hash(this);
  }

  @Override
  public String toString() {
    return "PushedIndex["
        + reference()
        + ", "
        + mediaType
        + ", "
        + children.size()
        + " children, "
        + digest
        + "]";
  }
}
