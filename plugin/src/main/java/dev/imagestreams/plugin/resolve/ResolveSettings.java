package dev.imagestreams.plugin.resolve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.ImportConfigParser;
import dev.imagestreams.engine.config.InvalidConfigException;
import java.util.List;
import java.util.Optional;

/**
 * The configuration {@code resolve} imports with: the engine's default configuration (OpenShift's
 * defaults: TLS verified with the JDK's CAs, link-local and cloud-metadata addresses never
 * contacted), with the {@code --insecure-registry} hosts as its insecure registries, read as the
 * operator reads its ConfigMap.
 */
public final class ResolveSettings {
  private static final String INSECURE = "registrySources.insecureRegistries: ";

  private ResolveSettings() {}

  /**
   * The configuration.
   *
   * @param insecureRegistries {@code host[:port]} patterns reached with plain HTTP or unverified
   *     TLS
   * @throws InvalidInputException naming a malformed pattern
   */
  public static ImportConfig config(List<String> insecureRegistries) throws InvalidInputException {
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    insecureRegistries.forEach(
        host ->
            document
                .withObjectProperty("registrySources")
                .withArrayProperty("insecureRegistries")
                .add(host));
    try {
      return new ImportConfigParser(name -> Optional.empty()).bind(document);
    } catch (InvalidConfigException e) {
      String message = e.getMessage();
      throw new InvalidInputException(
          "--insecure-registry: "
              + (message.startsWith(INSECURE) ? message.substring(INSECURE.length()) : message),
          e);
    }
  }
}
