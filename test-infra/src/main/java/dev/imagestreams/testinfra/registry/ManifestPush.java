package dev.imagestreams.testinfra.registry;

import java.util.Objects;

/**
 * Where {@link ImagePusher} pushed a manifest, and the manifest itself: what a {@link PushedImage}
 * and a {@link PushedIndex} have in common.
 *
 * @param registry the registry's {@code host:port} as the pusher addressed it
 * @param repository the repository, for example {@code team/app}
 * @param tag the tag, or {@code null} when pushed by digest only
 * @param digest the manifest digest, confirmed by the registry's {@code Docker-Content-Digest}
 * @param document the manifest: its media type and exact bytes
 */
public record ManifestPush(
    String registry, String repository, String tag, String digest, TestImages.Blob document) {

  /**
   * Checks the components.
   *
   * @param registry the registry host
   * @param repository the repository
   * @param tag the tag or {@code null}
   * @param digest the manifest digest
   * @param document the manifest
   */
  public ManifestPush {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(document, "document");
  }
}
