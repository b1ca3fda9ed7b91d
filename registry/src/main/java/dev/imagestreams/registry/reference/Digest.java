package dev.imagestreams.registry.reference;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:6c3c624b...}, validated on construction.
 *
 * <p>Only {@code sha256} and {@code sha512} are accepted, the two algorithms the OCI image spec
 * registers; both can be verified against content.
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern HEX = Pattern.compile("[a-f0-9]+");

  public Digest {
    int expected =
        switch (algorithm) {
          case "sha256" -> 64;
          case "sha512" -> 128;
          default ->
              throw new InvalidReferenceException(
                  "unsupported digest algorithm \"" + algorithm + "\" (expected sha256 or sha512)");
        };
    if (hex.length() != expected || !HEX.matcher(hex).matches()) {
      throw new InvalidReferenceException(
          "invalid "
              + algorithm
              + " digest: expected "
              + expected
              + " lowercase hexadecimal characters");
    }
  }

  /** Parses {@code algorithm:hex}. */
  public static Digest parse(String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidReferenceException("digest is empty");
    }
    int colon = value.indexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new InvalidReferenceException(
          "invalid digest \"" + abbreviate(value) + "\": expected algorithm:hex");
    }
    return new Digest(value.substring(0, colon), value.substring(colon + 1));
  }

  /** Whether the value parses as a digest. */
  public static boolean isValid(String value) {
    try {
      parse(value);
      return true;
    } catch (InvalidReferenceException e) {
      return false;
    }
  }

  /** The sha256 digest of the given content. */
  public static Digest sha256(byte[] content) {
    return new Digest("sha256", HexFormat.of().formatHex(hash("SHA-256", content)));
  }

  /** Whether the content hashes to this digest. */
  public boolean matches(byte[] content) {
    String javaName = algorithm.equals("sha256") ? "SHA-256" : "SHA-512";
    return MessageDigest.isEqual(hash(javaName, content), HexFormat.of().parseHex(hex));
  }

  /** The digest of the content computed with this digest's algorithm. */
  public Digest of(byte[] content) {
    String javaName = algorithm.equals("sha256") ? "SHA-256" : "SHA-512";
    return new Digest(algorithm, HexFormat.of().formatHex(hash(javaName, content)));
  }

  /** A short form for logs and messages: {@code sha256:6c3c624b58db}. */
  public String shortForm() {
    return algorithm + ":" + hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  private static byte[] hash(String algorithm, byte[] content) {
    try {
      return MessageDigest.getInstance(algorithm).digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required by the Java platform", e);
    }
  }

  static String abbreviate(String value) {
    return value.length() <= 80 ? value : value.substring(0, 77) + "...";
  }
}
