package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.OpenShiftExports;
import dev.imagestreams.api.v1.TagImportPolicy;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.Kubectl;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RealApiServerExtension;
import dev.imagestreams.testinfra.RequiresBuilt;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRD on a real API server: it is served, draws no warning, takes every OpenShift-exported
 * document (also as a server-side dry run and with strict field validation), and rejects what
 * OpenShift rejects with the field errors a user would see.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeApiServerCrdIT {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  @RegisterExtension static final RealApiServerExtension API = new RealApiServerExtension();

  private KubernetesClient k8s;
  private String ns;

  @BeforeAll
  void start() {
    k8s = API.server().testClient();
  }

  @BeforeEach
  void namespace() {
    ns = "crd-" + NAMESPACES.incrementAndGet();
    k8s.namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    API.server().testRequests().clear();
  }

  @Test
  void theCommittedCrdIsEstablishedStructuralAndDrawsNoWarning() throws IOException {
    CustomResourceDefinition committed;
    try (InputStream in =
        Files.newInputStream(
            Path.of(System.getProperty("crds.dir", "../crds"), RealApiServer.CRD + "-v1.yml"))) {
      committed = k8s.apiextensions().v1().customResourceDefinitions().load(in).item();
    }
    // applied as a GitOps tool would, checked in full by the server, changing nothing
    k8s.apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(committed)
        .dryRun()
        .fieldManager("gitops")
        .forceConflicts()
        .serverSideApply();

    CustomResourceDefinition served =
        k8s.apiextensions().v1().customResourceDefinitions().withName(RealApiServer.CRD).get();
    assertThat(served.getStatus().getConditions())
        .extracting(
            CustomResourceDefinitionCondition::getType,
            CustomResourceDefinitionCondition::getStatus)
        .contains(
            org.assertj.core.groups.Tuple.tuple("Established", "True"),
            org.assertj.core.groups.Tuple.tuple("NamesAccepted", "True"))
        .noneMatch(t -> t.toList().contains("NonStructuralSchema"));
    assertThat(served.getStatus().getAcceptedNames().getShortNames()).containsExactly("is");
    assertThat(warnings()).as("warnings of the API server").isEmpty();
  }

  @Test
  void theCommittedCrdIsTheFormTheApiServerKeeps() {
    // a CRD the server stores differently from the file never settles in a GitOps diff
    Path committed =
        Path.of(System.getProperty("crds.dir", "../crds"), RealApiServer.CRD + "-v1.yml");
    Kubectl.Result diff =
        new Kubectl(API.server().controlPlane())
            .run("diff", "--server-side", "--force-conflicts", "-f", committed.toString());
    assertThat(diff.exitCode()).as(diff.out() + diff.err()).isZero();
  }

  static List<String> exports() {
    return OpenShiftExports.files();
  }

  @ParameterizedTest
  @MethodSource("exports")
  void everyOpenShiftExportCreatesWithoutWarnings(String file) {
    for (GenericKubernetesResource doc : asUserWouldApply(file)) {
      var resource =
          k8s.genericKubernetesResources("image.openshift.io/v1", "ImageStream")
              .inNamespace(ns)
              .resource(doc);
      resource.dryRun().create();
      resource
          .fieldValidation(io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT)
          .create();
      assertThat(
              k8s.resources(ImageStream.class)
                  .inNamespace(ns)
                  .withName(doc.getMetadata().getName())
                  .get()
                  .getSpec()
                  .tags())
          .as(file)
          .hasSameSizeAs(
              Serialization.unmarshal(Serialization.asYaml(doc), ImageStream.class)
                  .getSpec()
                  .tags());
    }
    assertThat(warnings()).as(file + ": warnings of the API server").isEmpty();
  }

  @Test
  void aFieldTheSchemaDoesNotKnowDrawsAWarningAndStrictValidationRefusesIt() {
    GenericKubernetesResource doc =
        Serialization.unmarshal(
            """
        apiVersion: image.openshift.io/v1
        kind: ImageStream
        metadata: {name: unknown}
        spec:
          tags:
          - name: t
            from: {kind: DockerImage, name: quay.io/a/b:1}
            importPolicy: {schedule: true}
        """,
            GenericKubernetesResource.class);
    var streams =
        k8s.genericKubernetesResources("image.openshift.io/v1", "ImageStream").inNamespace(ns);
    assertThatThrownBy(
            () ->
                streams
                    .resource(doc)
                    .fieldValidation(
                        io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT)
                    .create())
        .hasMessageContaining("unknown field \"spec.tags[0].importPolicy.schedule\"");
    streams.resource(doc).create();
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("unknown field", "spec.tags[0].importPolicy.schedule");
  }

  @Test
  void aScheduledStreamReferenceIsRejectedByTheCelRule() {
    ImageStream stream =
        Streams.stream(ns, "bad")
            .tag(
                new TagReference(
                    "t",
                    null,
                    TagSource.of(TagSource.IMAGE_STREAM_TAG, "other:1", null),
                    null,
                    null,
                    new TagImportPolicy(null, true, null),
                    null))
            .forCreate();
    assertThatThrownBy(() -> k8s.resource(stream).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.tags[0]")
        .hasMessageContaining(
            "only tags pointing to Docker repositories may be scheduled for background import");
  }

  @Test
  void anInvalidTagNameIsRejected() {
    ImageStream stream = Streams.stream(ns, "bad").dockerImage("-x:y", "quay.io/a/b:1").forCreate();
    assertThatThrownBy(() -> k8s.resource(stream).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.tags[0].name: Invalid value: \"-x:y\"");
  }

  @Test
  void anEmptyFromNameIsRejectedWithTheFieldError() {
    ImageStream stream = Streams.stream(ns, "bad").dockerImage("t", "").forCreate();
    assertThatThrownBy(() -> k8s.resource(stream).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(
            "spec.tags[0].from.name: Invalid value: \"\": spec.tags[0].from.name in body should be at least 1 chars long");
  }

  @Test
  void namesLongerThanOpenShiftAllowsAreRejected() {
    ImageStream longTag =
        Streams.stream(ns, "bad")
            .dockerImage("t".repeat(129), "registry.example.com/a/b:1")
            .forCreate();
    assertThatThrownBy(() -> k8s.resource(longTag).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.tags[0].name: Too long: may not be more than 128 bytes");
    ImageStream longReference =
        Streams.stream(ns, "bad")
            .dockerImage("t", "registry.example.com/" + "a".repeat(TagSource.MAX_NAME_LENGTH))
            .forCreate();
    assertThatThrownBy(() -> k8s.resource(longReference).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(
            "spec.tags[0].from.name: Too long: may not be more than "
                + TagSource.MAX_NAME_LENGTH
                + " bytes");
    String repository =
        "registry.example.com/" + "a".repeat(255 - "registry.example.com/".length());
    String longest = repository + ":" + "t".repeat(128) + "@sha512:" + "0".repeat(128);
    assertThat(longest).hasSize(TagSource.MAX_NAME_LENGTH);
    k8s.resource(Streams.stream(ns, "longest").dockerImage("t".repeat(128), longest).forCreate())
        .create();
  }

  @Test
  void twoTagsWithTheSameNameAreRejected() {
    ImageStream stream =
        Streams.stream(ns, "bad")
            .dockerImage("1", "quay.io/a/b:1")
            .dockerImage("1", "quay.io/a/b:2")
            .forCreate();
    assertThatThrownBy(() -> k8s.resource(stream).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.tags[1]: Duplicate value");
  }

  @Test
  void anUnknownSourceKindIsRejected() {
    ImageStream stream =
        Streams.stream(ns, "bad")
            .tag(
                new TagReference(
                    "t", null, TagSource.of("Image", "sha256:0", null), null, null, null, null))
            .forCreate();
    assertThatThrownBy(() -> k8s.resource(stream).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.tags[0].from.kind: Unsupported value: \"Image\"");
  }

  /** What a user does with an export: the server-set metadata goes, the namespace is theirs. */
  private List<GenericKubernetesResource> asUserWouldApply(String file) {
    List<GenericKubernetesResource> out = new ArrayList<>();
    for (var item :
        k8s.load(
                new java.io.ByteArrayInputStream(
                    OpenShiftExports.document(file)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .items()) {
      GenericKubernetesResource doc =
          Serialization.unmarshal(Serialization.asJson(item), GenericKubernetesResource.class);
      var meta = doc.getMetadata();
      meta.setNamespace(ns);
      meta.setUid(null);
      meta.setResourceVersion(null);
      meta.setCreationTimestamp(null);
      meta.setManagedFields(null);
      meta.setGeneration(null);
      out.add(doc);
    }
    return out;
  }

  private List<String> warnings() {
    return API.server().testRequests().responses().stream()
        .filter(r -> !r.warnings().isEmpty())
        .map(r -> r.request().method() + " " + r.request().path() + ": " + r.warnings())
        .toList();
  }
}
