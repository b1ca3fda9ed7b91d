package dev.imagestreams.testinfra.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password pair, as accepted by the Basic-auth registry and the {@link
 * TokenServer}.
 *
 * <p>{@link #DEFAULT} ({@code alice}/{@code s3cret}) matches the bundled {@code htpasswd} resource
 * and the default user of {@link TokenServer}.
 *
 * @param username the user name, not blank
 * @param password the password, not null
 */
public record Credentials(String username, String password) {

  /** The credentials of the bundled htpasswd file and of the token server's default user. */
  public static final Credentials DEFAULT = new Credentials("alice", "s3cret");

  /**
   * Validates the components.
   *
   * @param username the user name
   * @param password the password
   */
  public Credentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isBlank() || username.contains(":")) {
      throw new IllegalArgumentException("username must be non-blank and must not contain ':'");
    }
  }

  /**
   * Returns the value of an {@code Authorization} header carrying these credentials.
   *
   * @return {@code "Basic " + base64(username:password)}
   */
  public String basicAuthorization() {
    String pair = username + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** Hides the password. */
  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=***]";
  }
}
