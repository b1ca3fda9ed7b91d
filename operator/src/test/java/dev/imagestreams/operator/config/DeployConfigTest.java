package dev.imagestreams.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.ImportConfigParser;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The configuration ConfigMap that deploy/ installs is valid and says exactly OpenShift's defaults.
 */
class DeployConfigTest {
  @Test
  void deployConfigMapSpellsOutTheDefaults() throws Exception {
    JsonNode map =
        new ObjectMapper(new YAMLFactory())
            .readTree(Path.of("..", "deploy", "config.yaml").toFile());
    assertThat(map.path("metadata").path("name").asText()).isEqualTo(ConfigSource.DEFAULT_NAME);
    String document = map.path("data").path(ConfigSource.KEY).asText();
    assertThat(document)
        .contains(
            "scheduledImageImportMinimumIntervalSeconds: 900",
            "maxScheduledImageImportsPerMinute: 60");
    assertThat(new ImportConfigParser(name -> Optional.empty()).parse(document))
        .isEqualTo(ImportConfig.defaults());
  }
}
