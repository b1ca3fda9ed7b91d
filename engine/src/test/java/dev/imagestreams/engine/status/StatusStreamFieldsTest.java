package dev.imagestreams.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamSpec;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagConditionReason;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.ImportConfigParser;
import dev.imagestreams.engine.imports.ImportFailure;
import dev.imagestreams.engine.imports.ImportOutcome;
import dev.imagestreams.engine.planning.ImportPlanner;
import dev.imagestreams.engine.planning.StreamPlan;
import dev.imagestreams.registry.auth.CredentialStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stream-level fields of a composed status, through {@link StatusComposer}'s public entry
 * points: the repository shown, the tag list and summary of a stream without tags, the handled
 * import request, what a privileged namespace keeps, and which failures are news.
 */
class StatusStreamFieldsTest {
  private static final Instant T1 = Instant.parse("2026-11-26T12:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-26T13:00:00Z");
  private static final String A = "sha256:" + "a".repeat(64);

  @ParameterizedTest(name = "internal={0} external={1} spec={2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # internal host   | external host     | spec repository  | dockerImageRepository    | displayRepository
          -                 | -                 | -                | ''                       | -
          -                 | -                 | ''               | ''                       | -
          -                 | -                 | quay.io/org/app  | ''                       | quay.io/org/app
          reg.svc:5000      | -                 | quay.io/org/app  | reg.svc:5000/ns/web      | reg.svc:5000/ns/web
          reg.svc:5000      | apps.example.com  | quay.io/org/app  | reg.svc:5000/ns/web      | apps.example.com/ns/web
          -                 | apps.example.com  | -                | ''                       | apps.example.com/ns/web
          """)
  void theDisplayedRepositoryIsTheExternalThenTheInternalThenTheSpecs(
      String internal, String external, String specRepository, String repository, String display)
      throws Exception {
    StringBuilder yaml = new StringBuilder("historyLimit: 10\n");
    if (internal != null) {
      yaml.append("internalRegistryHostname: ").append(internal).append('\n');
    }
    if (external != null) {
      yaml.append("externalRegistryHostnames: [").append(external).append("]\n");
    }
    ImportConfig config = new ImportConfigParser(n -> Optional.empty()).parse(yaml.toString());
    ImageStream s = Streams.stream("ns", "web").build();
    s.setSpec(new ImageStreamSpec(null, specRepository, List.of()));

    ImageStreamStatus status = compose(s, Map.of(), Set.of(), config).status();

    assertThat(status.dockerImageRepository()).isEqualTo(repository);
    assertThat(status.publicDockerImageRepository())
        .isEqualTo(external == null ? null : external + "/ns/web");
    assertThat(status.displayRepository()).isEqualTo(display);
    assertThat(status.tags()).as("no tags: no list").isNull();
    assertThat(status.tagsSummary()).as("no tags: no summary").isNull();
    assertThat(status.images()).isNull();
  }

  @Test
  void aStreamWithTagsListsAndSummarisesThem() {
    ImageStream s = Streams.stream("ns", "web").dockerImage("1", "nginx:1").build();
    ImageStreamStatus status =
        compose(s, Map.of("1", failed("gone")), Set.of(), ImportConfig.defaults()).status();
    assertThat(status.tags()).extracting(NamedTagEventList::tag).containsExactly("1");
    assertThat(status.tagsSummary()).isEqualTo(TagsSummary.of(status.tags()));
  }

  @ParameterizedTest(name = "annotation={0} handled before={1} pending={2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # annotation | handled before | tag pending | handled after
          r1           | r0             | false       | r1
          r1           | r0             | true        | r0
          -            | r0             | false       | r0
          r0           | r0             | false       | r0
          r1           | -              | true        | -
          r1           | -              | false       | r1
          """)
  void anImportRequestIsHandledOnlyOnceEveryTagIsDone(
      String annotation, String handledBefore, boolean pending, String handledAfter) {
    Streams builder = Streams.stream("ns", "web").dockerImage("1", "nginx:1");
    if (annotation != null) {
      builder.annotation(ImportPlanner.IMPORT_REQUEST_ANNOTATION, annotation);
    }
    ImageStream s = builder.build();
    s.setStatus(status(List.of(), List.of(), handledBefore));
    StatusComposer.Result r =
        compose(
            s,
            pending ? Map.of() : Map.of("1", failed("gone")),
            pending ? Set.of("1") : Set.of(),
            ImportConfig.defaults());
    assertThat(r.complete()).isEqualTo(!pending);
    assertThat(r.status().lastHandledImportRequest()).isEqualTo(handledAfter);
  }

  @Test
  void aPrivilegedNamespaceKeepsTagsImagesAndTheHandledRequest() {
    ImageStream s = Streams.stream("kube-system", "web").dockerImage("1", "nginx:1").build();
    NamedTagEventList history =
        new NamedTagEventList(
            "1",
            List.of(new TagEvent("2026-11-26T12:00:00Z", "nginx@" + A, A, 1L)),
            null,
            null,
            null);
    Image image = new Image(A, "nginx@" + A, null, null, null, null, null, null);
    s.setStatus(status(List.of(history), List.of(image), "r0"));

    ImageStreamStatus refused =
        StatusComposer.privileged(s, "privileged", ImportConfig.defaults(), T2);

    assertThat(refused.tags()).containsExactly(history);
    assertThat(refused.images()).containsExactly(image);
    assertThat(refused.lastHandledImportRequest()).isEqualTo("r0");
    assertThat(refused.observedGeneration()).isEqualTo(1L);
  }

  @Test
  void aPrivilegedNamespaceWithoutAStatusGetsOnlyItsCondition() {
    ImageStream s = Streams.stream("kube-system", "web").dockerImage("1", "nginx:1").build();
    ImageStreamStatus refused =
        StatusComposer.privileged(s, "privileged", ImportConfig.defaults(), T2);
    assertThat(refused.tags()).isNull();
    assertThat(refused.images()).isNull();
    assertThat(refused.lastHandledImportRequest()).isNull();
    assertThat(refused.condition("Ready").orElseThrow().getMessage()).contains("privileged");
  }

  private static ImportOutcome failed(String message) {
    return ImportOutcome.failure(
        ImportFailure.permanent(TagConditionReason.NOT_FOUND, message), T1);
  }

  private static ImageStreamStatus status(
      List<NamedTagEventList> tags, List<Image> images, String handledRequest) {
    return new ImageStreamStatus(
        null,
        null,
        tags.isEmpty() ? null : tags,
        1L,
        null,
        images.isEmpty() ? null : images,
        handledRequest,
        null,
        null,
        null);
  }

  private static StatusComposer.Result compose(
      ImageStream s,
      Map<String, ImportOutcome> outcomes,
      Set<String> pending,
      ImportConfig config) {
    StreamPlan plan = ImportPlanner.plan(s, config, CredentialStore.EMPTY, Map.of(), T2);
    return StatusComposer.compose(
        new StatusComposer.Input(
            s, plan, outcomes, pending, (ns, name) -> Optional.empty(), config, T2));
  }
}
