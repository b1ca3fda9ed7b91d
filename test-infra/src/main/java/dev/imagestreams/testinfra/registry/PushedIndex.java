package dev.imagestreams.testinfra.registry;

import java.util.List;
import java.util.Objects;

/**
 * An OCI index or Docker manifest list that {@link ImagePusher} pushed, with the child manifests it
 * pushed first.
 *
 * @param push where it was pushed, its digest and exact bytes
 * @param children the referenced manifests, in index order, attestation manifests included
 */
public record PushedIndex(ManifestPush push, List<PushedImage> children) implements PushedManifest {

  /**
   * Copies the children.
   *
   * @param push the push
   * @param children the children
   */
  public PushedIndex {
    Objects.requireNonNull(push, "push");
    children = List.copyOf(children);
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
  public String toString() {
    return "PushedIndex["
        + reference()
        + ", "
        + mediaType()
        + ", "
        + children.size()
        + " children, "
        + digest()
        + "]";
  }
}
