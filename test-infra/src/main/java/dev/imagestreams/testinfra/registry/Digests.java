package dev.imagestreams.testinfra.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content digests in the OCI {@code algorithm:hex} form. */
public final class Digests {

  private Digests() {}

  /**
   * Computes the SHA-256 digest of some content.
   *
   * @param content the bytes to digest
   * @return {@code "sha256:" + lowercase hex}
   */
  public static String sha256(byte[] content) {
    return "sha256:" + HexFormat.of().formatHex(sha256Bytes(content));
  }

  /**
   * Returns the hex part of a digest.
   *
   * @param digest a digest such as {@code sha256:abc...}
   * @return the part after the colon
   */
  public static String hex(String digest) {
    int colon = digest.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not a digest: " + digest);
    }
    return digest.substring(colon + 1);
  }

  static byte[] sha256Bytes(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
