package dev.imagestreams.engine.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the configuration document (YAML) strictly into an {@link ImportConfig}: unknown keys,
 * wrong types and values out of bounds are errors whose message names the key ({@link
 * ConfigErrors}), and a typo never silently falls back to a default. Keys not set take their
 * defaults. The CAs of {@code additionalTrustedCA} are read from their ConfigMap.
 */
public final class ImportConfigParser {
  private static final ObjectMapper MAPPER = ConfigMapper.create();

  private final TrustedCaReader.ConfigMaps configMaps;

  /**
   * @param configMaps reads a ConfigMap of the operator's namespace by name (for {@code
   *     additionalTrustedCA}); empty when it does not exist
   */
  public ImportConfigParser(Function<String, Optional<Map<String, String>>> configMaps) {
    this.configMaps = configMaps::apply;
  }

  /** Parses the document; an empty document gives the defaults. */
  public ImportConfig parse(String document) throws InvalidConfigException {
    JsonNode root;
    try {
      root = document == null || document.isBlank() ? null : MAPPER.readTree(document);
    } catch (JacksonException e) {
      throw new InvalidConfigException(
          "configuration is not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidConfigException("configuration cannot be read: " + e.getMessage());
    }
    return bind(root);
  }

  /** Binds a document already read (front ends that build one); null gives the defaults. */
  public ImportConfig bind(JsonNode root) throws InvalidConfigException {
    if (root == null || root.isNull() || root.isMissingNode()) {
      return ImportConfig.defaults();
    }
    try {
      return MAPPER
          .readerFor(ImportConfig.class)
          .withAttribute(TrustedCaReader.ConfigMaps.class, configMaps)
          .readValue(root);
    } catch (DatabindException e) {
      throw new InvalidConfigException(ConfigErrors.describe(e));
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidConfigException("configuration cannot be read: " + e.getMessage());
    }
  }
}
