package dev.imagestreams.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The table of the chart's values in docs/install.md names every value that values.schema.json
 * allows.
 */
class ChartValuesDocumentedTest {
  @Test
  void everyValueOfTheSchemaIsInTheInstallGuide() throws Exception {
    JsonNode schema =
        new ObjectMapper()
            .readTree(Path.of("..", "helm", "imagestream-operator", "values.schema.json").toFile());
    String install = Files.readString(Path.of("..", "docs", "install.md"));
    String table = install.substring(install.indexOf("| Value | Default | Meaning |"));
    List<String> missing = new ArrayList<>();
    schema
        .path("properties")
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!table.contains("`" + key)) {
                missing.add(key);
              }
            });
    assertThat(missing).as("values without a row in docs/install.md").isEmpty();
  }
}
