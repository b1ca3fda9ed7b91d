package dev.imagestreams.registry.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Credentials for one registry: a username and password, or an identity token (an OAuth2 refresh
 * token, as {@code docker login} stores for some registries). {@link #toString()} never shows a
 * secret; {@link #fingerprint()} identifies the credentials without revealing them.
 *
 * @param username the username, or null with an identity token
 * @param password the password, or null with an identity token
 * @param identityToken the identity token, or null
 */
public record RegistryCredentials(String username, String password, String identityToken) {

  public static RegistryCredentials basic(String username, String password) {
    return new RegistryCredentials(username, password, null);
  }

  public static RegistryCredentials identityToken(String token) {
    return new RegistryCredentials(null, null, token);
  }

  /**
   * Whether these credentials carry an identity token (used with the OAuth2 refresh-token grant).
   */
  public boolean hasIdentityToken() {
    return identityToken != null && !identityToken.isEmpty();
  }

  /** Whether there is a username and password. */
  public boolean hasPassword() {
    return username != null && password != null;
  }

  /** The {@code Authorization} header value for HTTP Basic auth. */
  public String basicAuthorization() {
    String pair = (username == null ? "" : username) + ":" + (password == null ? "" : password);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A stable, one-way identifier: equal credentials have equal fingerprints. Used to key caches and
   * to share registry requests only between users of the same credentials.
   */
  public String fingerprint() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {username, password, identityToken}) {
        md.update((part == null ? "\u0000" : part).getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0x1f);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return hasIdentityToken()
        ? "RegistryCredentials[identityToken=***]"
        : "RegistryCredentials[username=" + username + ", password=***]";
  }
}
