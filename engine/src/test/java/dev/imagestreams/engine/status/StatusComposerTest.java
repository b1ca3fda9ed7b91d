package dev.imagestreams.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.ImportConfigParser;
import dev.imagestreams.engine.imports.ImportFailure;
import dev.imagestreams.engine.imports.ImportOutcome;
import dev.imagestreams.engine.planning.ImportPlanner;
import dev.imagestreams.engine.planning.ReferenceGrant;
import dev.imagestreams.engine.planning.StreamLookup;
import dev.imagestreams.engine.planning.StreamPlan;
import dev.imagestreams.registry.ResolvedImage;
import dev.imagestreams.registry.auth.CredentialStore;
import dev.imagestreams.registry.manifest.ImageMetadata;
import dev.imagestreams.registry.manifest.Layer;
import dev.imagestreams.registry.manifest.MediaTypes;
import dev.imagestreams.registry.testing.References;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusComposerTest {
  private static final Instant T1 = Instant.parse("2026-11-26T12:00:00.123Z");
  private static final Instant T2 = Instant.parse("2026-11-26T13:00:00Z");
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  private final Map<String, ImageStream> others = new HashMap<>();
  private final StreamLookup lookup =
      (ns, name) -> Optional.ofNullable(others.get(ns + "/" + name));

  private static ResolvedImage resolved(String reference, String digest) {
    ImageMetadata metadata =
        new ImageMetadata(
            Instant.parse("2024-01-01T00:00:00Z"),
            "me",
            "linux",
            "amd64",
            null,
            List.of("/bin/app"),
            List.of("run"),
            "/app",
            "1000",
            List.of("8080/tcp"),
            Map.of("k", "v"),
            List.of("A=1"),
            List.of("/data"),
            null);
    return new ResolvedImage(
        References.image(reference),
        References.digest(digest),
        References.digest(digest),
        MediaTypes.OCI_MANIFEST,
        400,
        List.of(
            new Layer(
                References.digest(digest), 1234, "application/vnd.oci.image.layer.v1.tar+gzip")),
        1234,
        metadata,
        List.of(),
        null);
  }

  private StatusComposer.Result compose(
      ImageStream s, Map<String, ImportOutcome> outcomes, Set<String> pending, Instant now) {
    return compose(s, outcomes, pending, now, ImportConfig.defaults());
  }

  private StatusComposer.Result compose(
      ImageStream s,
      Map<String, ImportOutcome> outcomes,
      Set<String> pending,
      Instant now,
      ImportConfig config) {
    StreamPlan plan = ImportPlanner.plan(s, config, CredentialStore.EMPTY, Map.of(), now);
    return StatusComposer.compose(
        new StatusComposer.Input(s, plan, outcomes, pending, lookup, config, now));
  }

  private static ImportOutcome ok(String reference, String digest, Instant at) {
    return ImportOutcome.success(resolved(reference, digest), at);
  }

  @Test
  void aTagWithAnEmptyFromNameIsNotReadyAndSaysWhy() {
    ImageStream s =
        Streams.stream("ns", "web")
            .generation(2)
            .tag(
                new dev.imagestreams.api.v1.TagReference(
                    "t",
                    null,
                    dev.imagestreams.api.v1.TagSource.of("DockerImage", "", null),
                    null,
                    null,
                    null,
                    null))
            .build();
    StatusComposer.Result r = compose(s, Map.of(), Set.of(), T1);
    assertThat(r.complete()).isTrue();
    assertThat(r.status().tag("t").orElseThrow().importCondition().orElseThrow().reason())
        .isEqualTo("InvalidReference");
    var ready = r.status().condition("Ready").orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("ImportFailed");
    assertThat(ready.getMessage())
        .isEqualTo(
            "1 of 1 tags failed to import: t: InvalidReference (from.name is empty: a DockerImage tag"
                + " needs an image reference such as registry.example.com/team/app:1)");
  }

  @Test
  void aSuccessfulImportRecordsTheUsersSpellingMetadataAndReady() {
    ImageStream s =
        Streams.stream("ns", "web").generation(3).dockerImage("1", "nginx:1.25").build();
    StatusComposer.Result r = compose(s, Map.of("1", ok("nginx:1.25", A, T1)), Set.of(), T1);
    assertThat(r.complete()).isTrue();
    ImageStreamStatus status = r.status();
    NamedTagEventList tag = status.tag("1").orElseThrow();
    assertThat(tag.current()).contains(new TagEvent("2026-11-26T12:00:00Z", "nginx@" + A, A, 3L));
    assertThat(tag.sourceDigest()).as("the current image's digest is not repeated").isNull();
    assertThat(tag.checkedDigest()).isEqualTo(A);
    assertThat(status.observedGeneration()).isEqualTo(3L);
    assertThat(status.condition("Ready").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(status.condition("Ready").orElseThrow().getObservedGeneration()).isEqualTo(3L);
    assertThat(status.image(A).orElseThrow().dockerImageMetadata().architecture())
        .isEqualTo("amd64");
    assertThat(status.image(A).orElseThrow().metadataTruncated())
        .as("a summary by default")
        .isTrue();
    assertThat(status.dockerImageRepository()).isEmpty();
    assertThat(status.publicDockerImageRepository()).isNull();
    assertThat(status.lastUpdated()).isEqualTo("2026-11-26T12:00:00Z");
  }

  @Test
  void theFullRecordWhenTheConfigurationSaysSo() throws Exception {
    ImageStream s = Streams.stream("ns", "web").dockerImage("1", "nginx:1.25").build();
    ImportConfig full =
        new ImportConfigParser(n -> Optional.empty()).parse("statusImageMetadata: Full\n");
    StatusComposer.Result r = compose(s, Map.of("1", ok("nginx:1.25", A, T1)), Set.of(), T1, full);
    assertThat(r.status().image(A).orElseThrow().dockerImageMetadata().config().exposedPorts())
        .containsKey("8080/tcp");
    assertThat(r.status().image(A).orElseThrow().metadataTruncated()).isNull();
  }

  @Test
  void anImportInFlightLeavesTheStatusIncomplete() {
    ImageStream s =
        Streams.stream("ns", "web")
            .generation(2)
            .dockerImage("1", "nginx:1.25")
            .dockerImage("2", "nginx:2")
            .build();
    s.setStatus(
        compose(
                Streams.stream("ns", "web").dockerImage("1", "nginx:1.25").build(),
                Map.of("1", ok("nginx:1.25", A, T1)),
                Set.of(),
                T1)
            .status());
    StatusComposer.Result r = compose(s, Map.of(), Set.of("2"), T2);
    assertThat(r.complete()).isFalse();
    assertThat(r.status().observedGeneration()).as("not yet at generation 2").isEqualTo(1L);
    assertThat(r.status().condition("Ready")).isEqualTo(s.getStatus().condition("Ready"));
  }

  @Test
  void aNewDigestIsPrependedAndOldMetadataIsDropped() {
    ImageStream s = Streams.stream("ns", "web").dockerImage("1", "nginx:1.25").build();
    s.setStatus(compose(s, Map.of("1", ok("nginx:1.25", A, T1)), Set.of(), T1).status());
    ImageStreamStatus next =
        compose(s, Map.of("1", ok("nginx:1.25", B, T2)), Set.of(), T2).status();
    assertThat(next.tag("1").orElseThrow().itemList())
        .extracting(TagEvent::image)
        .containsExactly(B, A);
    assertThat(next.imageList()).extracting(i -> i.name()).containsExactly(B);
    assertThat(next.lastUpdated()).isEqualTo("2026-11-26T13:00:00Z");
  }

  @Test
  void aFailureKeepsTheImageAndReadySaysWhichTagsFailed() {
    ImageStream s =
        Streams.stream("ns", "web")
            .dockerImage("1", "nginx:1.25")
            .dockerImage("2", "nginx:2")
            .build();
    s.setStatus(
        compose(s, Map.of("1", ok("nginx:1.25", A, T1), "2", ok("nginx:2", B, T1)), Set.of(), T1)
            .status());
    ImportOutcome notFound =
        ImportOutcome.failure(ImportFailure.permanent("NotFound", "image \"x\" not found"), T2);
    StatusComposer.Result r = compose(s, Map.of("2", notFound), Set.of(), T2);
    NamedTagEventList two = r.status().tag("2").orElseThrow();
    assertThat(two.current().orElseThrow().image()).isEqualTo(B);
    assertThat(two.importCondition().orElseThrow().reason()).isEqualTo("NotFound");
    var ready = r.status().condition("Ready").orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("ImportFailed");
    assertThat(ready.getMessage())
        .isEqualTo("1 of 2 tags failed to import: 2: NotFound (image \"x\" not found)");
    assertThat(ready.getLastTransitionTime()).isEqualTo("2026-11-26T13:00:00Z");
  }

  @Test
  void removedSpecTagsLoseTheirStatusAndTagsAreSortedByName() {
    ImageStream s =
        Streams.stream("ns", "web").dockerImage("b", "nginx:1").dockerImage("a", "nginx:2").build();
    s.setStatus(
        compose(s, Map.of("a", ok("nginx:2", A, T1), "b", ok("nginx:1", B, T1)), Set.of(), T1)
            .status());
    assertThat(s.getStatus().tagList())
        .extracting(NamedTagEventList::tag)
        .containsExactly("a", "b");
    ImageStream without = Streams.stream("ns", "web").dockerImage("a", "nginx:2").build();
    without.setStatus(s.getStatus());
    ImageStreamStatus next = compose(without, Map.of(), Set.of(), T2).status();
    assertThat(next.tagList()).extracting(NamedTagEventList::tag).containsExactly("a");
    assertThat(next.imageList()).extracting(i -> i.name()).containsExactly(A);
  }

  @Test
  void referenceTagsFollowTheirSourceInTheSameStream() {
    ImageStream s =
        Streams.stream("ns", "web")
            .dockerImage("1", "nginx:1")
            .streamTag("latest", "1")
            .streamTag("stable", "web:latest")
            .build();
    ImageStreamStatus status = compose(s, Map.of("1", ok("nginx:1", A, T1)), Set.of(), T1).status();
    assertThat(status.tag("latest").orElseThrow().current().orElseThrow().image()).isEqualTo(A);
    assertThat(status.tag("stable").orElseThrow().current().orElseThrow().dockerImageReference())
        .isEqualTo("nginx@" + A);
    assertThat(status.condition("Ready").orElseThrow().getStatus()).isEqualTo("True");
  }

  @Test
  void aReferenceToATagBeingImportedForTheFirstTimeWaitsWithoutAFailure() {
    ImageStream s =
        Streams.stream("ns", "web").dockerImage("1", "nginx:1").streamTag("latest", "1").build();
    StatusComposer.Result r = compose(s, Map.of(), Set.of("1"), T1);
    assertThat(r.complete()).isFalse();
    assertThat(r.status().tag("latest"))
        .as("no NotFound condition while the source's import is in flight")
        .isEmpty();
  }

  @Test
  void aReferenceKeepsItsImageWhileItsSourceIsReimported() {
    ImageStream s =
        Streams.stream("ns", "web").dockerImage("1", "nginx:1").streamTag("latest", "1").build();
    s.setStatus(compose(s, Map.of("1", ok("nginx:1", A, T1)), Set.of(), T1).status());
    NamedTagEventList before = s.getStatus().tag("latest").orElseThrow();
    assertThat(before.current().orElseThrow().image()).isEqualTo(A);

    StatusComposer.Result r = compose(s, Map.of(), Set.of("1"), T2);
    assertThat(r.complete()).isFalse();
    assertThat(r.status().tag("latest")).contains(before);
  }

  @Test
  void anImageStreamImageCanPinAnOlderImageOfItsOwnStream() {
    ImageStream s = Streams.stream("ns", "web").dockerImage("1", "nginx:1").build();
    s.setStatus(compose(s, Map.of("1", ok("nginx:1", A, T1)), Set.of(), T1).status());
    s.setStatus(compose(s, Map.of("1", ok("nginx:1", B, T2)), Set.of(), T2).status());
    ImageStream pinned =
        Streams.stream("ns", "web")
            .dockerImage("1", "nginx:1")
            .streamImage("previous", null, "web@" + A)
            .build();
    pinned.setStatus(s.getStatus());

    ImageStreamStatus status = compose(pinned, Map.of(), Set.of(), T2).status();
    TagEvent previous = status.tag("previous").orElseThrow().current().orElseThrow();
    assertThat(previous.image()).isEqualTo(A);
    assertThat(previous.dockerImageReference()).isEqualTo("nginx@" + A);
    assertThat(previous.created())
        .as("the time the source got the image")
        .isEqualTo("2026-11-26T12:00:00Z");
    assertThat(status.condition("Ready").orElseThrow().getMessage()).isEqualTo("2 tags resolved");
  }

  @Test
  void aReferenceOnlyTagRecordsItsPullSpecWithoutAnImport() {
    ImageStream s =
        Streams.stream("ns", "web")
            .generation(2)
            .tag(
                new dev.imagestreams.api.v1.TagReference(
                    "ext",
                    null,
                    dev.imagestreams.api.v1.TagSource.of(
                        "DockerImage", "registry.example.com/team/app:1", null),
                    true,
                    null,
                    null,
                    null))
            .build();
    StatusComposer.Result r = compose(s, Map.of(), Set.of(), T1);
    assertThat(r.complete()).isTrue();
    assertThat(r.status().tag("ext").orElseThrow().current())
        .contains(new TagEvent("2026-11-26T12:00:00Z", "registry.example.com/team/app:1", "", 2L));
    var ready = r.status().condition("Ready").orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getMessage()).isEqualTo("1 tag resolved");
  }

  @Test
  void crossNamespaceReferencesNeedTheSourcesGrant() {
    ImageStream source = Streams.stream("shared", "base").dockerImage("1", "nginx:1").build();
    source.setStatus(compose(source, Map.of("1", ok("nginx:1", A, T1)), Set.of(), T1).status());
    others.put("shared/base", source);
    ImageStream s = Streams.stream("team", "app").streamTag("base", "shared", "base:1").build();
    NamedTagEventList refused =
        compose(s, Map.of(), Set.of(), T1).status().tag("base").orElseThrow();
    assertThat(refused.importCondition().orElseThrow().reason()).isEqualTo("Forbidden");
    assertThat(refused.importCondition().orElseThrow().message())
        .isEqualTo(ReferenceGrant.refusal("shared", "base", "team"));

    source.getMetadata().setAnnotations(Map.of(ReferenceGrant.ANNOTATION, "*"));
    ImageStreamStatus granted = compose(s, Map.of(), Set.of(), T1).status();
    assertThat(granted.tag("base").orElseThrow().current().orElseThrow().image()).isEqualTo(A);
    assertThat(granted.image(A)).as("the source's metadata comes along").isPresent();
  }

  @Test
  void crossStreamCyclesAreDetected() {
    ImageStream other = Streams.stream("ns", "b").streamTag("y", "a:x").build();
    others.put("ns/b", other);
    ImageStream s = Streams.stream("ns", "a").streamTag("x", "b:y").build();
    NamedTagEventList x = compose(s, Map.of(), Set.of(), T1).status().tag("x").orElseThrow();
    assertThat(x.importCondition().orElseThrow().reason()).isEqualTo("ReferenceCycle");
    assertThat(x.importCondition().orElseThrow().message())
        .isEqualTo("tag references form a cycle: ns/a:x -> ns/b:y -> ns/a:x");
  }

  @Test
  void imageStreamImagePinsADigestOfTheSourceHistory() {
    ImageStream source = Streams.stream("ns", "base").dockerImage("1", "nginx:1").build();
    source.setStatus(compose(source, Map.of("1", ok("nginx:1", A, T1)), Set.of(), T1).status());
    source.setStatus(compose(source, Map.of("1", ok("nginx:1", B, T2)), Set.of(), T2).status());
    others.put("ns/base", source);
    ImageStream s =
        Streams.stream("ns", "app")
            .streamImage("old", null, "base@" + A.substring(0, 20))
            .streamImage("none", null, "base@sha256:ffff")
            .build();
    ImageStreamStatus status = compose(s, Map.of(), Set.of(), T2).status();
    assertThat(status.tag("old").orElseThrow().current().orElseThrow().image()).isEqualTo(A);
    assertThat(status.tag("none").orElseThrow().importCondition().orElseThrow().message())
        .isEqualTo("image sha256:ffff not found in the history of ImageStream ns/base");
  }

  @Test
  void registryHostnamesFillTheRepositoryFieldsAndInternalReferencesAreLocalised()
      throws Exception {
    ImportConfig config =
        new ImportConfigParser(n -> Optional.empty())
            .parse(
                "internalRegistryHostname: image-registry.svc:5000\nexternalRegistryHostnames: [registry.apps.example.com]\n");
    ImageStream source =
        Streams.stream("ns", "base").dockerImage("1", "image-registry.svc:5000/ns/base:1").build();
    source.setStatus(
        compose(
                source,
                Map.of("1", ok("image-registry.svc:5000/ns/base:1", A, T1)),
                Set.of(),
                T1,
                config)
            .status());
    others.put("ns/base", source);
    ImageStream s = Streams.stream("ns", "app").streamTag("base", null, "base:1").build();
    ImageStreamStatus status = compose(s, Map.of(), Set.of(), T1, config).status();
    assertThat(status.dockerImageRepository()).isEqualTo("image-registry.svc:5000/ns/app");
    assertThat(status.publicDockerImageRepository()).isEqualTo("registry.apps.example.com/ns/app");
    assertThat(status.displayRepository()).isEqualTo("registry.apps.example.com/ns/app");
    assertThat(status.tag("base").orElseThrow().current().orElseThrow().dockerImageReference())
        .isEqualTo("image-registry.svc:5000/ns/app@" + A);
  }

  @Test
  void duplicateTagNamesAndTheDeprecatedRepositoryFieldAreReported() {
    ImageStream s =
        Streams.stream("ns", "web").dockerImage("1", "nginx:1").dockerImage("1", "nginx:2").build();
    s.setSpec(
        new dev.imagestreams.api.v1.ImageStreamSpec(
            null, "docker.io/library/nginx", s.getSpec().tags()));
    var ready =
        compose(s, Map.of("1", ok("nginx:1", A, T1)), Set.of(), T1)
            .status()
            .condition("Ready")
            .orElseThrow();
    assertThat(ready.getReason()).isEqualTo("InvalidSpec");
    assertThat(ready.getMessage())
        .startsWith("spec.tags has duplicate names: 1")
        .endsWith(StatusComposer.REPOSITORY_IMPORT_NOTE);
  }

  @Test
  void aPrivilegedNamespaceKeepsTheHistoryAndSaysWhy() {
    ImageStream s = Streams.stream("kube-system", "web").dockerImage("1", "nginx:1").build();
    s.setStatus(compose(s, Map.of("1", ok("nginx:1", A, T1)), Set.of(), T1).status());
    ImageStreamStatus refused =
        StatusComposer.privileged(
            s, "namespace kube-system is privileged", ImportConfig.defaults(), T2);
    assertThat(refused.tagList()).isEqualTo(s.getStatus().tagList());
    assertThat(refused.condition("Ready").orElseThrow().getReason())
        .isEqualTo("PrivilegedNamespace");
    assertThat(refused.condition("Ready").orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-11-26T13:00:00Z");
  }

  @Test
  void readyKeepsItsTransitionTimeWhileItsStatusStays() {
    ImageStream s = Streams.stream("ns", "web").dockerImage("1", "nginx:1").build();
    s.setStatus(compose(s, Map.of("1", ok("nginx:1", A, T1)), Set.of(), T1).status());
    ImageStreamStatus later = compose(s, Map.of("1", ok("nginx:1", B, T2)), Set.of(), T2).status();
    assertThat(later.condition("Ready").orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-11-26T12:00:00Z");
  }
}
