package dev.imagestreams.registry.reference;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:6c3c624b...}, validated on construction.
 *
 * <p>Only {@code sha256} and {@code sha512} are accepted, the two algorithms the OCI image spec
 * registers; both can be verified against content. Input is read with {@link #parse}, which fails
 * with a {@link RegistryException} of kind {@link ErrorKind#INVALID_REFERENCE}; the constructor is
 * for values known to be valid and throws {@link IllegalArgumentException} otherwise.
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern HEX = Pattern.compile("[a-f0-9]+");

  public Digest {
    String problem = problem(algorithm, hex);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * Parses {@code algorithm:hex}.
   *
   * @throws RegistryException of kind {@link ErrorKind#INVALID_REFERENCE}, saying what is wrong
   */
  public static Digest parse(String value) throws RegistryException {
    if (value == null || value.isEmpty()) {
      throw invalid("digest is empty");
    }
    int colon = value.indexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw invalid("invalid digest \"" + abbreviate(value) + "\": expected algorithm:hex");
    }
    String algorithm = value.substring(0, colon);
    String hex = value.substring(colon + 1);
    String problem = problem(algorithm, hex);
    if (problem != null) {
      throw invalid(problem);
    }
    return new Digest(algorithm, hex);
  }

  /** Whether the value parses as a digest. */
  public static boolean isValid(String value) {
    try {
      parse(value);
      return true;
    } catch (RegistryException e) {
      return false;
    }
  }

  private static String problem(String algorithm, String hex) {
    int expected =
        switch (algorithm) {
          case "sha256" -> 64;
          case "sha512" -> 128;
          default -> -1;
        };
    if (expected < 0) {
      return "unsupported digest algorithm \"" + algorithm + "\" (expected sha256 or sha512)";
    }
    if (hex.length() != expected || !HEX.matcher(hex).matches()) {
      return "invalid "
          + algorithm
          + " digest: expected "
          + expected
          + " lowercase hexadecimal characters";
    }
    return null;
  }

  static RegistryException invalid(String message) {
    return RegistryException.of(ErrorKind.INVALID_REFERENCE, message);
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
