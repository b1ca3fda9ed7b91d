package dev.imagestreams.testinfra.registry;

import java.util.Arrays;
import java.util.Objects;

/**
 * Where {@link ImagePusher} pushed a manifest, and its exact bytes: what a {@link PushedImage} and
 * a {@link PushedIndex} have in common. Two pushes are equal when they are of the same bytes to the
 * same place.
 *
 * @param registry the registry's {@code host:port} as the pusher addressed it
 * @param repository the repository, for example {@code team/app}
 * @param tag the tag, or {@code null} when pushed by digest only
 * @param digest the manifest digest, confirmed by the registry's {@code Docker-Content-Digest}
 * @param mediaType the manifest media type
 * @param manifest the exact manifest bytes (copied)
 */
public record ManifestPush(
    String registry,
    String repository,
    String tag,
    String digest,
    String mediaType,
    byte[] manifest) {

  /**
   * Copies the bytes.
   *
   * @param registry the registry host
   * @param repository the repository
   * @param tag the tag or {@code null}
   * @param digest the manifest digest
   * @param mediaType the manifest media type
   * @param manifest the manifest bytes
   */
  public ManifestPush {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(digest, "digest");
    manifest = manifest.clone();
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

  @Override
  public boolean equals(Object other) {
    return other instanceof ManifestPush push
        && Objects.equals(registry, push.registry)
        && repository.equals(push.repository)
        && Objects.equals(tag, push.tag)
        && digest.equals(push.digest)
        && Arrays.equals(manifest, push.manifest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(registry, repository, tag, digest);
  }

  @Override
  public String toString() {
    return "ManifestPush[" + registry + "/" + repository + ", " + mediaType + ", " + digest + "]";
  }
}
