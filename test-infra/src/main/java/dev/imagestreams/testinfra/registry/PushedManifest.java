package dev.imagestreams.testinfra.registry;

/**
 * What {@link PushedImage} and {@link PushedIndex} share: where a pushed manifest is, and its exact
 * bytes ({@link #push()}).
 */
public sealed interface PushedManifest permits PushedImage, PushedIndex {

  /**
   * Where the manifest was pushed, and its bytes.
   *
   * @return the push
   */
  ManifestPush push();

  /**
   * The registry's {@code host:port} as the pusher addressed it.
   *
   * @return the registry host
   */
  default String registry() {
    return push().registry();
  }

  /**
   * The repository, for example {@code team/app}.
   *
   * @return the repository
   */
  default String repository() {
    return push().repository();
  }

  /**
   * The tag, or {@code null} when pushed by digest only.
   *
   * @return the tag or {@code null}
   */
  default String tag() {
    return push().tag();
  }

  /**
   * The manifest digest, confirmed by the registry's {@code Docker-Content-Digest}.
   *
   * @return {@code sha256:...}
   */
  default String digest() {
    return push().digest();
  }

  /**
   * The manifest media type.
   *
   * @return the media type
   */
  default String mediaType() {
    return push().document().mediaType();
  }

  /**
   * The exact manifest bytes.
   *
   * @return a copy
   */
  default byte[] manifest() {
    return push().document().content();
  }

  /**
   * The manifest size, as an index entry would declare it.
   *
   * @return the size in bytes
   */
  default long manifestSize() {
    return manifest().length;
  }

  /**
   * A full reference by tag, or by digest when there is no tag.
   *
   * @return {@code host:port/repository:tag} or {@code host:port/repository@sha256:...}
   */
  default String reference() {
    return tag() == null ? digestReference() : registry() + "/" + repository() + ":" + tag();
  }

  /**
   * A full reference by digest.
   *
   * @return {@code host:port/repository@sha256:...}
   */
  default String digestReference() {
    return registry() + "/" + repository() + "@" + digest();
  }
}
