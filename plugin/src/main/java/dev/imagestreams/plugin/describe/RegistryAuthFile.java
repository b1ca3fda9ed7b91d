package dev.imagestreams.plugin.describe;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagestreams.plugin.cluster.CommandFailure;
import dev.imagestreams.registry.auth.CredentialStore;
import dev.imagestreams.registry.auth.DockerConfigParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The registry credentials of the user running the plugin, where podman, skopeo and Docker keep
 * them: {@code REGISTRY_AUTH_FILE}, else {@code $DOCKER_CONFIG/config.json}, else {@code
 * ~/.docker/config.json}; none when no file exists. Only {@code auths} entries are read (credential
 * helpers are not run). The plugin never reads the cluster's pull secrets: reading an image's
 * metadata needs only the user's own access to the registry.
 *
 * <p>The one call to the registry library's Docker config parser is here, so its signature can
 * change in one place.
 */
public final class RegistryAuthFile {
  private RegistryAuthFile() {}

  /** The credentials for the environment given (the process environment in production). */
  public static CredentialStore load(Map<String, String> env) {
    Path file = location(env);
    if (file == null || !Files.isRegularFile(file)) {
      return CredentialStore.EMPTY;
    }
    try {
      return new DockerConfigParser(new ObjectMapper())
          .parseDockerConfigJson(Files.readAllBytes(file));
    } catch (IOException | DockerConfigParser.InvalidDockerConfigException e) {
      throw new CommandFailure(
          "cannot read the registry credentials in " + file + ": " + e.getMessage(), e);
    }
  }

  static Path location(Map<String, String> env) {
    String authFile = env.get("REGISTRY_AUTH_FILE");
    if (authFile != null && !authFile.isEmpty()) {
      return Path.of(authFile);
    }
    String dockerConfig = env.get("DOCKER_CONFIG");
    if (dockerConfig != null && !dockerConfig.isEmpty()) {
      return Path.of(dockerConfig, "config.json");
    }
    String home = System.getProperty("user.home");
    return home == null ? null : Path.of(home, ".docker", "config.json");
  }
}
