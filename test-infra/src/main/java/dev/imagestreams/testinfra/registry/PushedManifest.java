package dev.imagestreams.testinfra.registry;

import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link PushedImage} and {@link PushedIndex} share: where a pushed manifest is, and its exact
 * bytes.
 */
public sealed interface PushedManifest permits PushedImage, PushedIndex {

  /**
   * The registry's {@code host:port} as the pusher addressed it.
   *
   * @return the registry host
   */
  String registry();

  /**
   * The repository, for example {@code team/app}.
   *
   * @return the repository
   */
  String repository();

  /**
   * The tag, or {@code null} when pushed by digest only.
   *
   * @return the tag or {@code null}
   */
  String tag();

  /**
   * The manifest digest, confirmed by the registry's {@code Docker-Content-Digest}.
   *
   * @return {@code sha256:...}
   */
  String digest();

  /**
   * The manifest media type.
   *
   * @return the media type
   */
  String mediaType();

  /**
   * The exact manifest bytes.
   *
   * @return a copy
   */
  byte[] manifest();

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

  /** Equality of two pushes: the same place, digest and bytes. */
  static boolean samePush(PushedManifest a, PushedManifest b) {
    return Objects.equals(a.registry(), b.registry())
        && a.repository().equals(b.repository())
        && Objects.equals(a.tag(), b.tag())
        && a.digest().equals(b.digest())
        && Arrays.equals(a.manifest(), b.manifest());
  }

  /** The hash code that goes with {@link #samePush}. */
  static int hash(PushedManifest m) {
    return Objects.hash(m.registry(), m.repository(), m.tag(), m.digest());
  }
}
