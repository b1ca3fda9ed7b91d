package dev.imagestreams.plugin.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPathTemplateTest {
  private static final JsonNode DOC =
      read(
          "{\"metadata\":{\"name\":\"python:latest\",\"annotations\":{\"a.b/c\":\"dotted\"}},"
              + "\"generation\":3,\"lookupPolicy\":{\"local\":false},"
              + "\"image\":{\"dockerImageManifests\":["
              + "{\"os\":\"linux\",\"architecture\":\"amd64\",\"digest\":\"sha256:1\"},"
              + "{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\",\"digest\":\"sha256:2\"}]},"
              + "\"conditions\":[{\"type\":\"ImportSuccess\",\"status\":\"False\",\"reason\":\"NotFound\"}]}");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{.metadata.name}|python:latest",
        "name={.metadata.name}!|name=python:latest!",
        "{.generation}|3",
        "{.lookupPolicy.local}|false",
        "{.lookupPolicy}|{\"local\":false}",
        "{.image.dockerImageManifests[*].architecture}|amd64 arm64",
        "{.image.dockerImageManifests[0].digest}|sha256:1",
        "{.image.dockerImageManifests[-1].digest}|sha256:2",
        "{.image.dockerImageManifests[5].digest}|``",
        "{.metadata.annotations['a.b/c']}|dotted",
        "{.metadata.annotations.a\\.b/c}|dotted",
        "{.conditions[?(@.type==\"ImportSuccess\")].reason}|NotFound",
        "{.conditions[?(@.type!=\"ImportSuccess\")].reason}|``",
        "{.image.dockerImageManifests[?(@.variant)].architecture}|arm64",
        "{.missing.field}|``",
        "{$.metadata.name}|python:latest",
        "{range .image.dockerImageManifests[*]}[{.os}/{.architecture}]{end}|[linux/amd64][linux/arm64]",
        "{range .image.dockerImageManifests[*]}{.digest}{\"\\t\"}{end}|`sha256:1\tsha256:2\t`",
      })
  void rendersKubectlsTemplates(String template, String expected) {
    assertThat(JsonPathTemplate.parse(template).render(DOC)).isEqualTo(expected);
  }

  @Test
  void theDocsPlatformListing() {
    assertThat(
            JsonPathTemplate.parse(
                    "{range .image.dockerImageManifests[*]}{.os}/{.architecture}{'\\n'}{end}")
                .render(DOC))
        .isEqualTo("linux/amd64\nlinux/arm64\n");
  }

  @Test
  void nestedRanges() {
    JsonNode doc = read("{\"items\":[{\"n\":\"a\",\"t\":[1,2]},{\"n\":\"b\",\"t\":[3]}]}");
    assertThat(
            JsonPathTemplate.parse("{range .items[*]}{.n}:{range .t[*]}<{@}>{end};{end}")
                .render(doc))
        .isEqualTo("a:<1><2>;b:<3>;");
  }

  @Test
  void malformedTemplatesSayWhy() {
    assertThatThrownBy(() -> JsonPathTemplate.parse("{range .items[*]}{.n}"))
        .hasMessageContaining("{range} without {end}");
    assertThatThrownBy(() -> JsonPathTemplate.parse("{.items[*]}{end}"))
        .hasMessageContaining("unexpected {end}");
    assertThatThrownBy(() -> JsonPathTemplate.parse("{.items"))
        .hasMessageContaining("unclosed action");
    assertThatThrownBy(() -> JsonPathTemplate.parse("{items}"))
        .hasMessageContaining("unrecognized JSONPath {items}");
    assertThatThrownBy(() -> JsonPathTemplate.parse("{.items[a:b]}"))
        .hasMessageContaining("unsupported JSONPath subscript [a:b]");
  }

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
