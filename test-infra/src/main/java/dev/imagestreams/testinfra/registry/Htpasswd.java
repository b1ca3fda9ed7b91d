package dev.imagestreams.testinfra.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Writes the htpasswd file of a Basic-auth {@link DistributionRegistry}: one {@code user:hash} line
 * per user, the hash bcrypt ({@code $2y$}, as {@code htpasswd -B} writes it), the only kind
 * distribution accepts. BouncyCastle computes it, so no {@code htpasswd} tool is needed.
 */
public final class Htpasswd {

  /**
   * bcrypt's cost, as the file once checked in had: distribution checks the hash on every request
   * with Basic credentials, so it stays cheap (some 5 ms a hash).
   */
  static final int COST = 5;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Htpasswd() {}

  /**
   * Writes an htpasswd file with these users.
   *
   * @param file the file to write, replaced if it exists
   * @param users the users and their passwords
   * @return {@code file}
   */
  public static Path write(Path file, List<Credentials> users) {
    StringBuilder lines = new StringBuilder();
    for (Credentials user : users) {
      lines.append(user.username()).append(':').append(hash(user.password())).append('\n');
    }
    try {
      Files.writeString(file, lines, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** A bcrypt hash of the password with a random salt, as {@code htpasswd -B} writes it. */
  static String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, COST);
  }
}
