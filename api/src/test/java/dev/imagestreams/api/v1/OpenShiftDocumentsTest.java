package dev.imagestreams.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ImageStream YAML exported from OpenShift applies unchanged: every field is known to the generated
 * CRD schema (kubectl's default strict validation rejects unknown fields), values satisfy its
 * types, enums and patterns, and the Java model keeps every field through a round trip.
 */
class OpenShiftDocumentsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode schema() throws IOException {
    try (InputStream in =
        OpenShiftDocumentsTest.class.getResourceAsStream(
            "/META-INF/fabric8/imagestreams.image.openshift.io-v1.yml")) {
      return YAML.readTree(in)
          .path("spec")
          .path("versions")
          .get(0)
          .path("schema")
          .path("openAPIV3Schema");
    }
  }

  static String document(String file) {
    return OpenShiftExports.document(file);
  }

  @ParameterizedTest
  @MethodSource("dev.imagestreams.api.v1.OpenShiftExports#files")
  void exportedDocumentsFitTheSchema(String file) throws IOException {
    JsonNode doc = YAML.readTree(document(file));
    JsonNode schema = schema();
    for (String part : List.of("spec", "status")) {
      CrdSchemaValidator result =
          CrdSchemaValidator.validate(schema.path("properties").path(part), doc.path(part), part);
      assertThat(result.violations()).as(file + " " + part).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.imagestreams.api.v1.OpenShiftExports#files")
  void theModelKeepsEveryField(String file) throws IOException {
    String yaml = document(file);
    JsonNode doc = YAML.readTree(yaml);
    ImageStream stream = Serialization.unmarshal(yaml, ImageStream.class);
    assertThat(withoutNulls(JSON.valueToTree(stream.getSpec())))
        .as(file)
        .isEqualTo(withoutNulls(doc.path("spec")));
    assertThat(withoutNulls(JSON.valueToTree(stream.getStatus())))
        .as(file)
        .isEqualTo(withoutNulls(doc.path("status")));
  }

  @Test
  void invalidDocumentsAreRejected() throws IOException {
    String yaml =
        """
        spec:
          unknownField: 1
          tags:
          - name: ok
            from: {kind: Image, name: x}
            importPolicy: {importMode: Newest}
            referencePolicy: {type: Remote}
          - name: "-bad:name"
            from: {kind: DockerImage}
          - name: ok
        """;
    JsonNode spec = YAML.readTree(yaml).path("spec");
    CrdSchemaValidator result =
        CrdSchemaValidator.validate(schema().path("properties").path("spec"), spec, "spec");
    assertThat(result.violations())
        .containsExactlyInAnyOrder(
            "spec.unknownField: unknown field",
            "spec.tags[0].from.kind: \"Image\" is not one of [DockerImage, ImageStreamImage, ImageStreamTag]",
            "spec.tags[0].importPolicy.importMode: \"Newest\" is not one of [, Legacy, PreserveOriginal]",
            "spec.tags[0].referencePolicy.type: \"Remote\" is not one of [, Local, Source]",
            "spec.tags[1].name: \"-bad:name\" does not match ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$",
            "spec.tags[1].from.name: required",
            "spec.tags: duplicate entries for key ok/");
  }

  @Test
  void theSchemaCarriesTheScheduledRuleAndPrinterColumns() throws IOException {
    JsonNode crd;
    try (InputStream in =
        getClass()
            .getResourceAsStream("/META-INF/fabric8/imagestreams.image.openshift.io-v1.yml")) {
      crd = YAML.readTree(in);
    }
    JsonNode version = crd.path("spec").path("versions").get(0);
    assertThat(version.path("subresources").has("status")).isTrue();
    assertThat(crd.path("spec").path("names").path("shortNames").get(0).asText()).isEqualTo("is");
    JsonNode tagSchema =
        version
            .path("schema")
            .path("openAPIV3Schema")
            .path("properties")
            .path("spec")
            .path("properties")
            .path("tags")
            .path("items");
    assertThat(tagSchema.path("x-kubernetes-validations").get(0).path("message").asText())
        .isEqualTo(
            "only tags pointing to Docker repositories may be scheduled for background import");
    assertThat(version.path("additionalPrinterColumns").findValuesAsText("name"))
        .contains("Image Repository", "Tags", "Updated");
  }

  private static JsonNode withoutNulls(JsonNode node) {
    try {
      return dropNulls(
          JSON.readTree(JSON.writeValueAsString(node))); // numbers re-read the same way
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode dropNulls(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = ((ObjectNode) node).deepCopy();
      Iterator<Map.Entry<String, JsonNode>> fields = copy.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (f.getValue().isNull()) {
          fields.remove();
        } else {
          copy.set(f.getKey(), dropNulls(f.getValue()));
        }
      }
      return copy;
    }
    if (node.isArray()) {
      var copy = JSON.createArrayNode();
      node.forEach(n -> copy.add(dropNulls(n)));
      return copy;
    }
    return node;
  }
}
