package dev.imagestreams.plugin.describe;

import dev.imagestreams.plugin.cluster.CommandFailure;
import dev.imagestreams.plugin.resolve.CredentialFiles;
import dev.imagestreams.plugin.resolve.InvalidInputException;
import dev.imagestreams.registry.auth.CredentialStore;
import java.nio.file.Path;
import java.util.Map;

/**
 * The registry credentials of the user running the plugin, found where {@code resolve} finds them
 * ({@link CredentialFiles}: {@code REGISTRY_AUTH_FILE}, else {@code $DOCKER_CONFIG/config.json},
 * else {@code ~/.docker/config.json}). The plugin never reads the cluster's pull secrets: reading
 * an image's metadata needs only the user's own access to the registry.
 */
public final class RegistryAuthFile {
  private RegistryAuthFile() {}

  /** The credentials for the environment given (the process environment in production). */
  public static CredentialStore load(Map<String, String> env) {
    try {
      return CredentialFiles.load(
          CredentialFiles.locate(null, env, Path.of(System.getProperty("user.home", "/"))));
    } catch (InvalidInputException e) {
      throw new CommandFailure(e.getMessage(), e);
    }
  }
}
