package dev.imagestreams.operator.config;

import dev.imagestreams.engine.config.InvalidConfigException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Finds the configuration document in the configuration ConfigMap: the value of its {@value
 * ConfigSource#KEY} data key, and nowhere else. A ConfigMap without that key is invalid, never "the
 * defaults": a misspelled key must not silently reset blocked registries or privileged namespaces.
 * The error names the keys the ConfigMap does have.
 */
final class ConfigDocument {
  private ConfigDocument() {}

  /**
   * The document of an existing ConfigMap.
   *
   * @param configMap {@code namespace/name}, for the message
   * @param data the ConfigMap's {@code data}
   * @param binaryData the ConfigMap's {@code binaryData}
   * @throws InvalidConfigException if {@code data} has no {@value ConfigSource#KEY}
   */
  static String of(String configMap, Map<String, String> data, Map<String, String> binaryData)
      throws InvalidConfigException {
    if (data.containsKey(ConfigSource.KEY)) {
      String document = data.get(ConfigSource.KEY);
      return document == null ? "" : document;
    }
    if (binaryData.containsKey(ConfigSource.KEY)) {
      throw new InvalidConfigException(
          "ConfigMap "
              + configMap
              + " has "
              + ConfigSource.KEY
              + " under binaryData; it must be under data");
    }
    Set<String> found = new TreeSet<>(data.keySet());
    found.addAll(binaryData.keySet());
    throw new InvalidConfigException(
        "ConfigMap "
            + configMap
            + " has no key \""
            + ConfigSource.KEY
            + "\" ("
            + (found.isEmpty()
                ? "it has no keys"
                : "keys found: "
                    + found.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", ")))
            + ")");
  }
}
