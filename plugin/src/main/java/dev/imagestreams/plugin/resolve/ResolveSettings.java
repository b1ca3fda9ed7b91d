package dev.imagestreams.plugin.resolve;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.registry.reference.RegistryPatterns;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration {@code resolve} imports with: the operator's default configuration (OpenShift's
 * defaults: TLS verified with the JDK's CAs, link-local and cloud-metadata addresses never
 * contacted), with the {@code --insecure-registry} hosts added to its insecure registries.
 */
public final class ResolveSettings {
  private ResolveSettings() {}

  /**
   * The configuration.
   *
   * @param insecureRegistries {@code host[:port]} patterns reached with plain HTTP or unverified
   *     TLS
   * @throws InvalidInputException naming a malformed pattern
   */
  public static ImportConfig config(List<String> insecureRegistries) throws InvalidInputException {
    ImportConfig defaults = ImportConfig.defaults();
    if (insecureRegistries.isEmpty()) {
      return defaults;
    }
    List<String> patterns = new ArrayList<>();
    defaults.insecureRegistries().patterns().forEach(p -> patterns.add(p.text()));
    patterns.addAll(insecureRegistries);
    try {
      return defaults.withInsecureRegistries(RegistryPatterns.parse(patterns));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--insecure-registry: " + e.getMessage(), e);
    }
  }
}
