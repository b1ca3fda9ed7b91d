package dev.imagestreams.plugin.resolve;

import dev.imagestreams.registry.auth.CredentialStore;
import dev.imagestreams.registry.auth.DockerConfigParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the user's registry credentials are, as podman, skopeo and oc look for them: {@code
 * --registry-config FILE}, else {@code $REGISTRY_AUTH_FILE}, else {@code
 * $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. A file named by the option or
 * {@code REGISTRY_AUTH_FILE} must exist; the Docker config is used when it exists. Credential
 * helpers ({@code credsStore}, {@code credHelpers}) are not run: only {@code auths} entries count.
 */
public final class CredentialFiles {
  public static final String REGISTRY_AUTH_FILE = "REGISTRY_AUTH_FILE";
  public static final String DOCKER_CONFIG = "DOCKER_CONFIG";

  /** A credentials file, and whether it must exist. */
  public record Location(Path file, boolean required, String origin) {}

  private CredentialFiles() {}

  /**
   * The file to read, if any. Pure.
   *
   * @param option the {@code --registry-config} value, or null
   * @param environment the process environment
   * @param home the user's home directory
   */
  public static Optional<Location> locate(
      String option, Map<String, String> environment, Path home) {
    if (option != null && !option.isEmpty()) {
      return Optional.of(new Location(Path.of(option), true, "--registry-config"));
    }
    String authFile = environment.get(REGISTRY_AUTH_FILE);
    if (authFile != null && !authFile.isEmpty()) {
      return Optional.of(new Location(Path.of(authFile), true, REGISTRY_AUTH_FILE));
    }
    String dockerConfig = environment.get(DOCKER_CONFIG);
    Path directory =
        dockerConfig != null && !dockerConfig.isEmpty()
            ? Path.of(dockerConfig)
            : home.resolve(".docker");
    return Optional.of(new Location(directory.resolve("config.json"), false, "Docker config"));
  }

  /**
   * Reads the credentials of a location.
   *
   * @throws InvalidInputException if a required file is missing, or the file cannot be read or
   *     parsed (the message names the file, never a credential)
   */
  public static CredentialStore load(Optional<Location> location) throws InvalidInputException {
    if (location.isEmpty()) {
      return CredentialStore.EMPTY;
    }
    Location l = location.get();
    if (!Files.exists(l.file())) {
      if (l.required()) {
        throw new InvalidInputException(
            "the credentials file " + l.file() + " (from " + l.origin() + ") does not exist");
      }
      return CredentialStore.EMPTY;
    }
    try {
      return new DockerConfigParser().parseDockerConfigJson(Files.readAllBytes(l.file()));
    } catch (IOException e) {
      throw new InvalidInputException(
          "the credentials file " + l.file() + " cannot be read: " + e.getMessage(), e);
    } catch (DockerConfigParser.InvalidDockerConfigException e) {
      throw new InvalidInputException(
          "the credentials file " + l.file() + " is not a Docker config: " + e.getMessage(), e);
    }
  }
}
