package dev.imagestreams.registry.testing;

import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.reference.Digest;
import dev.imagestreams.registry.reference.ImageReference;

/**
 * References and digests that a test knows to be valid, without the checked {@link
 * RegistryException} that parsing user input declares: for fields, helpers and lambdas.
 */
public final class References {
  private References() {}

  /** {@link ImageReference#parse}, failing the test on an invalid reference. */
  public static ImageReference image(String reference) {
    try {
      return ImageReference.parse(reference);
    } catch (RegistryException e) {
      throw new IllegalArgumentException("the test's reference is invalid: " + e.getMessage(), e);
    }
  }

  /** {@link Digest#parse}, failing the test on an invalid digest. */
  public static Digest digest(String digest) {
    try {
      return Digest.parse(digest);
    } catch (RegistryException e) {
      throw new IllegalArgumentException("the test's digest is invalid: " + e.getMessage(), e);
    }
  }
}
