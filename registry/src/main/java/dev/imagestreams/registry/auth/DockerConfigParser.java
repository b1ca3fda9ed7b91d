package dev.imagestreams.registry.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads the credentials of a {@code .dockerconfigjson} ({@code {"auths": {...}}}) or legacy {@code
 * .dockercfg} (the {@code auths} map itself) document. Each entry may hold {@code auth} (base64 of
 * {@code user:password}), {@code username} and {@code password}, or {@code identitytoken}.
 *
 * <p>Error messages never include credential values.
 */
public final class DockerConfigParser {
  /** Pull secrets are user input: nesting and string sizes are capped like registry documents. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(16)
                      .maxStringLength(1_000_000)
                      .build())
              .build());

  /** A parser; it needs nothing from its caller (stateless, thread-safe). */
  public DockerConfigParser() {}

  /** Thrown for a document that cannot be read; the message names the problem, not the content. */
  public static final class InvalidDockerConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidDockerConfigException(String message) {
      super(message);
    }
  }

  /** Parses a {@code .dockerconfigjson} document. */
  public CredentialStore parseDockerConfigJson(byte[] content) throws InvalidDockerConfigException {
    JsonNode root = read(content);
    JsonNode auths = root.get("auths");
    if (auths == null) {
      return CredentialStore
          .EMPTY; // a config with only credHelpers or credsStore has nothing for us
    }
    if (!auths.isObject()) {
      throw new InvalidDockerConfigException("\"auths\" is not an object");
    }
    return entries(auths);
  }

  /** Parses a legacy {@code .dockercfg} document. */
  public CredentialStore parseDockerCfg(byte[] content) throws InvalidDockerConfigException {
    JsonNode root = read(content);
    return entries(root.has("auths") && root.get("auths").isObject() ? root.get("auths") : root);
  }

  private JsonNode read(byte[] content) throws InvalidDockerConfigException {
    try {
      JsonNode root = MAPPER.readTree(content);
      if (root == null || !root.isObject()) {
        throw new InvalidDockerConfigException("not a JSON object");
      }
      return root;
    } catch (IOException e) {
      throw new InvalidDockerConfigException("not valid JSON");
    }
  }

  private CredentialStore entries(JsonNode auths) throws InvalidDockerConfigException {
    List<CredentialStore.Entry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : auths.properties()) {
      RegistryCredentials credentials = credentials(e.getKey(), e.getValue());
      if (credentials != null) {
        CredentialStore.entry(e.getKey(), credentials).ifPresent(entries::add);
      }
    }
    return new CredentialStore(entries);
  }

  private static RegistryCredentials credentials(String key, JsonNode node)
      throws InvalidDockerConfigException {
    if (!node.isObject()) {
      throw new InvalidDockerConfigException("entry \"" + key + "\" is not an object");
    }
    String identityToken = text(node, "identitytoken");
    if (identityToken != null) {
      return RegistryCredentials.identityToken(identityToken);
    }
    String username = text(node, "username");
    String password = text(node, "password");
    String auth = text(node, "auth");
    if (auth != null && (username == null || password == null)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new InvalidDockerConfigException(
            "entry \"" + key + "\" has an \"auth\" value that is not base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new InvalidDockerConfigException(
            "entry \"" + key + "\" has an \"auth\" value that is not base64 of user:password");
      }
      username = decoded.substring(0, colon);
      password = decoded.substring(colon + 1);
    }
    if (username == null && password == null) {
      return null; // e.g. only an email: nothing to authenticate with
    }
    return RegistryCredentials.basic(
        username == null ? "" : username, password == null ? "" : password);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }
}
