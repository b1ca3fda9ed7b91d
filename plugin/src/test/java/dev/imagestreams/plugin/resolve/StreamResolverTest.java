package dev.imagestreams.plugin.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.engine.EngineSettings;
import dev.imagestreams.engine.ImportEngine;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.registry.auth.CredentialStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The resolution of streams whose tags need no registry ({@code reference: true} and references
 * between tags): the planner, the composer and the rounds across streams, without network.
 */
class StreamResolverTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

  private final StreamDocuments documents = new StreamDocuments(new KubernetesSerialization());

  private List<ResolvedStream> resolve(String yaml) throws Exception {
    List<ImageStream> streams = documents.parse(yaml, "test.yaml");
    try (ImportEngine engine =
        new ImportEngine(
            ImportConfig.defaults(), EngineSettings.builder("test").clock(CLOCK).build())) {
      return new StreamResolver(engine, CredentialStore.EMPTY).resolve(streams, "default");
    }
  }

  private static String stream(String name, String tags) {
    return "---\napiVersion: image.openshift.io/v1\nkind: ImageStream\nmetadata: {name: "
        + name
        + "}\nspec:\n  tags:\n"
        + tags;
  }

  @Test
  void aReferenceOnlyTagIsRecordedWithoutARegistryAndCannotBeFollowed() throws Exception {
    String yaml =
        stream("app", "  - {name: latest, from: {kind: ImageStreamTag, name: \"base:1\"}}\n")
            + stream(
                "base",
                "  - {name: \"1\", reference: true, from: {kind: DockerImage, name:"
                    + " \"quay.io/team/base:1\"}}\n");

    List<ResolvedStream> resolved = resolve(yaml);

    // as in the operator: a reference-only tag has a pull spec but no image to follow
    assertThat(resolved.get(1).failures()).isEmpty();
    assertThat(resolved.get(0).failures())
        .extracting(ResolvedStream.Failure::line)
        .containsExactly(
            "app:latest: NotFound: tag 1 of ImageStream default/base has no image yet");
    assertThat(resolved.get(0).input().getMetadata().getNamespace()).isNull();
  }

  @Test
  void eachTagThatCannotResolveIsNamedWithItsReason() throws Exception {
    String yaml =
        stream(
                "app",
                "  - {name: a, from: {kind: ImageStreamTag, name: \"nowhere:1\"}}\n"
                    + "  - {name: b, from: {kind: ImageStreamTag, name: \"base:missing\"}}\n"
                    + "  - {name: c, from: {kind: DockerImage, name: \"Not/Valid\"}}\n"
                    + "  - {name: d, from: {kind: ImageStreamTag, name: \"base:loop\"}}\n")
            + stream("base", "  - {name: loop, from: {kind: ImageStreamTag, name: \"app:d\"}}\n");

    List<String> failures =
        resolve(yaml).stream()
            .flatMap(s -> s.failures().stream())
            .map(ResolvedStream.Failure::line)
            .toList();

    assertThat(failures)
        .containsExactly(
            "app:a: NotFound: ImageStream default/nowhere does not exist",
            "app:b: NotFound: tag missing does not exist in ImageStream default/base",
            "app:c: InvalidReference: repository name \"Valid\" in \"Not/Valid\" must be"
                + " lowercase",
            "app:d: ReferenceCycle: tag references form a cycle: default/app:d -> default/base:loop"
                + " -> default/app:d",
            "base:loop: ReferenceCycle: tag references form a cycle: default/base:loop ->"
                + " default/app:d -> default/base:loop");
  }

  @Test
  void aStreamThatIsNotReadyWithoutAFailedTagIsNamedWithItsReadyReason() throws Exception {
    String yaml =
        stream(
            "app",
            "  - {name: a, reference: true, from: {kind: DockerImage, name: \"quay.io/a:1\"}}\n"
                + "  - {name: a, reference: true, from: {kind: DockerImage, name: \"quay.io/a:2\"}}\n");

    List<ResolvedStream.Failure> failures = resolve(yaml).get(0).failures();

    assertThat(failures)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.tag()).isNull();
              assertThat(f.reason()).isEqualTo("InvalidSpec");
              assertThat(f.line()).startsWith("app: InvalidSpec: ").contains("a");
            });
  }

  @Test
  void aStreamGivenTwiceIsRefused() {
    String yaml = stream("a", "    []\n") + stream("a", "    []\n");

    assertThatThrownBy(() -> resolve(yaml))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("ImageStream default/a is given twice");
  }

  @Test
  void crossNamespaceReferencesNeedTheSourcesGrantAsInTheOperator() throws Exception {
    String yaml =
        "---\napiVersion: image.openshift.io/v1\nkind: ImageStream\n"
            + "metadata: {name: base, namespace: shared}\nspec:\n  tags:\n"
            + "  - {name: \"1\", reference: true, from: {kind: DockerImage, name: \"quay.io/a:1\"}}\n"
            + stream(
                "app",
                "  - {name: x, from: {kind: ImageStreamTag, name: \"base:1\", namespace: shared}}\n");

    List<ResolvedStream.Failure> failures = resolve(yaml).get(1).failures();

    assertThat(failures)
        .singleElement()
        .extracting(ResolvedStream.Failure::reason)
        .isEqualTo("Forbidden");
  }
}
