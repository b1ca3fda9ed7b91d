package dev.imagestreams.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.engine.config.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Only the {@code config.yaml} key holds the configuration; anything else is an error naming what
 * is there.
 */
class ConfigDocumentTest {
  private static final String MAP = "imagestream-operator/imagestream-operator-config";

  @Test
  void theDocumentIsTheValueOfConfigYaml() throws InvalidConfigException {
    assertThat(
            ConfigDocument.of(
                MAP, Map.of("config.yaml", "historyLimit: 5\n", "notes", "x"), Map.of()))
        .isEqualTo("historyLimit: 5\n");
    assertThat(ConfigDocument.of(MAP, Map.of("config.yaml", ""), Map.of()))
        .as("an explicitly empty document")
        .isEmpty();
  }

  @Test
  void aMisspelledKeyIsAnErrorNamingTheKeysFound() {
    assertThatThrownBy(
            () ->
                ConfigDocument.of(
                    MAP, Map.of("config.yml", "historyLimit: 5\n", "Config.yaml", "x"), Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "ConfigMap "
                + MAP
                + " has no key \"config.yaml\" (keys found: \"Config.yaml\", \"config.yml\")");
  }

  @Test
  void aConfigMapWithoutKeysIsAnError() {
    assertThatThrownBy(() -> ConfigDocument.of(MAP, Map.of(), Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("ConfigMap " + MAP + " has no key \"config.yaml\" (it has no keys)");
  }

  @Test
  void theDocumentUnderBinaryDataIsAnErrorThatSaysWhere() {
    assertThatThrownBy(
            () ->
                ConfigDocument.of(MAP, Map.of(), Map.of("config.yaml", "aGlzdG9yeUxpbWl0OiA1Cg==")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "ConfigMap " + MAP + " has config.yaml under binaryData; it must be under data");
  }
}
