package dev.imagestreams.plugin.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.api.v1.ImageStream;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamDocumentsTest {
  private final StreamDocuments documents = new StreamDocuments(new KubernetesSerialization());

  @Test
  void readsEveryImageStreamOfAMultiDocumentFileAndSkipsOtherKinds() throws Exception {
    String yaml =
        """
        apiVersion: image.openshift.io/v1
        kind: ImageStream
        metadata: {name: a, namespace: team}
        spec:
          tags:
          - name: "1"
            from: {kind: DockerImage, name: quay.io/team/a:1}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: not-a-stream}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: image.openshift.io/v1
          kind: ImageStream
          metadata: {name: b}
        ---
        """;

    List<ImageStream> streams = documents.parse(yaml, "streams.yaml");

    assertThat(streams).extracting(s -> s.getMetadata().getName()).containsExactly("a", "b");
    assertThat(streams.get(0).getMetadata().getNamespace()).isEqualTo("team");
    assertThat(streams.get(0).getSpec().tagList().get(0).from().name())
        .isEqualTo("quay.io/team/a:1");
  }

  @Test
  void readsJson() throws Exception {
    String json =
        """
        {"apiVersion": "image.openshift.io/v1", "kind": "ImageStream", "metadata": {"name": "a"}}
        """;

    assertThat(documents.parse(json, "a.json")).hasSize(1);
  }

  @Test
  void refusesTheGrouplessApiVersionOfOpenShift3Exports() {
    String yaml = "apiVersion: v1\nkind: ImageStream\nmetadata: {name: a}\n";

    assertThatThrownBy(() -> documents.parse(yaml, "old.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "old.yaml: document 1: an ImageStream needs apiVersion: image.openshift.io/v1 (found"
                + " \"v1\")");
  }

  @Test
  void refusesAStreamWithoutAName() {
    String yaml = "---\napiVersion: image.openshift.io/v1\nkind: ImageStream\nmetadata: {}\n";

    assertThatThrownBy(() -> documents.parse(yaml, "a.yaml"))
        .hasMessage("a.yaml: document 1: the ImageStream has no metadata.name");
  }

  @Test
  void namesTheDocumentAndLineOfInvalidYaml() {
    String yaml =
        "apiVersion: image.openshift.io/v1\nkind: ImageStream\nmetadata: {name: a}\n---\n"
            + "kind: [unclosed\n";

    assertThatThrownBy(() -> documents.parse(yaml, "bad.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("bad.yaml: document 2 is not valid YAML or JSON: ")
        .hasMessageContaining("(line ");
  }

  @Test
  void namesTheFieldThatDoesNotMatchTheSchema() {
    String yaml =
        """
        apiVersion: image.openshift.io/v1
        kind: ImageStream
        metadata: {name: a}
        spec:
          tags: "not a list"
        """;

    assertThatThrownBy(() -> documents.parse(yaml, "a.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("a.yaml: document 1: ImageStream a does not match the schema: ");
  }
}
