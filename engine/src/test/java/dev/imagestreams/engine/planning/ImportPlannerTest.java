package dev.imagestreams.engine.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.ObservedTagSource;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagEventCondition;
import dev.imagestreams.api.v1.TagImportPolicy;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.ImportConfigParser;
import dev.imagestreams.engine.imports.FailedImport;
import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.registry.ImportMode;
import dev.imagestreams.registry.auth.CredentialStore;
import dev.imagestreams.registry.auth.DockerConfigParser;
import dev.imagestreams.registry.manifest.PlatformPreference;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImportPlannerTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final ImportConfig DEFAULTS = ImportConfig.defaults();

  private static StreamPlan plan(ImageStream s) {
    return plan(s, DEFAULTS, CredentialStore.EMPTY, Map.of());
  }

  private static StreamPlan plan(
      ImageStream s,
      ImportConfig config,
      CredentialStore creds,
      Map<String, FailedImport> attempts) {
    return ImportPlanner.plan(s, config, creds, attempts, NOW);
  }

  private static TagPlan.Import onlyImport(StreamPlan p) {
    assertThat(p.imports()).hasSize(1);
    return p.imports().get(0);
  }

  /** The stream with a status that reflects its spec (as after a successful import). */
  private static ImageStream imported(ImageStream s) {
    StreamPlan p = plan(s);
    List<NamedTagEventList> tags =
        p.tags().stream()
            .map(
                t ->
                    new NamedTagEventList(
                        t.tag(),
                        List.of(
                            new TagEvent(
                                "2026-11-26T11:00:00Z",
                                "x@sha256:" + "a".repeat(64),
                                "sha256:" + "a".repeat(64),
                                1L)),
                        null,
                        t.observed(),
                        null))
            .toList();
    s.setStatus(Streams.status(tags));
    return s;
  }

  @Test
  void aTagWithoutStatusIsNew() {
    TagPlan.Import i =
        onlyImport(plan(Streams.stream("ns", "s").dockerImage("1", "quay.io/org/app:1").build()));
    assertThat(i.reason()).contains(ImportReason.NEW);
    assertThat(i.image().registry()).isEqualTo("quay.io");
    assertThat(i.key().reference()).isEqualTo("quay.io/org/app:1");
    assertThat(i.key().importMode()).isEqualTo(ImportMode.LEGACY);
    assertThat(i.key().credentials()).isEqualTo("anonymous");
    assertThat(i.fresh()).isFalse();
  }

  @Test
  void anImportedTagNeedsNothing() {
    TagPlan.Import i =
        onlyImport(
            plan(
                imported(Streams.stream("ns", "s").dockerImage("1", "quay.io/org/app:1").build())));
    assertThat(i.reason()).isEmpty();
  }

  @Test
  void changingFromImportModeInsecureOrPreferredPlatformReimports() {
    ImageStream s =
        imported(Streams.stream("ns", "s").dockerImage("1", "quay.io/org/app:1").build());
    List<TagReference> variants =
        List.of(
            Streams.docker("1", "quay.io/org/app:2", false),
            new TagReference(
                "1",
                null,
                TagSource.of("DockerImage", "quay.io/org/app:1", null),
                null,
                null,
                new TagImportPolicy(null, null, "PreserveOriginal"),
                null),
            new TagReference(
                "1",
                null,
                TagSource.of("DockerImage", "quay.io/org/app:1", null),
                null,
                null,
                new TagImportPolicy(true, null, null),
                null),
            new TagReference(
                "1",
                Map.of(TagReference.PREFER_ARCH_ANNOTATION, "arm64"),
                TagSource.of("DockerImage", "quay.io/org/app:1", null),
                null,
                null,
                null,
                null));
    for (TagReference changed : variants) {
      ImageStream copy = Streams.stream("ns", "s").tag(changed).build();
      copy.setStatus(s.getStatus());
      assertThat(onlyImport(plan(copy)).reason())
          .as(changed.toString())
          .contains(ImportReason.SOURCE_CHANGED);
    }
  }

  @Test
  void changesElsewhereInTheStreamDoNotReimport() {
    ImageStream s =
        imported(Streams.stream("ns", "s").dockerImage("1", "quay.io/org/app:1").build());
    ImageStream more =
        Streams.stream("ns", "s")
            .generation(7)
            .dockerImage("1", "quay.io/org/app:1")
            .dockerImage("2", "quay.io/org/app:2")
            .build();
    more.setStatus(s.getStatus());
    StreamPlan p = plan(more);
    assertThat(p.imports())
        .extracting(TagPlan.Import::reason)
        .containsExactly(Optional.empty(), Optional.of(ImportReason.NEW));
  }

  @Test
  void aNewImportRequestValueReimportsEverythingFresh() {
    ImageStream s =
        imported(
            Streams.stream("ns", "s")
                .annotation(ImportPlanner.IMPORT_REQUEST_ANNOTATION, "now")
                .dockerImage("1", "quay.io/org/app:1")
                .build());
    StreamPlan p = plan(s);
    assertThat(p.importRequest()).isEqualTo("now");
    assertThat(onlyImport(p).reason()).contains(ImportReason.REQUESTED);
    assertThat(onlyImport(p).fresh()).isTrue();

    ImageStreamStatus handled = s.getStatus();
    s.setStatus(
        new ImageStreamStatus("", null, handled.tags(), 1L, null, null, "now", null, null, null));
    assertThat(plan(s).importRequest()).isNull();
    assertThat(onlyImport(plan(s)).reason()).isEmpty();
  }

  private static ImageStream failedWith(String reason) {
    return failedWith(
        reason, Streams.stream("ns", "s").dockerImage("1", "quay.io/org/app:1").build());
  }

  /** The stream with every tag's import failed for {@code reason}, its items kept. */
  private static ImageStream failedWith(String reason, ImageStream stream) {
    ImageStream s = imported(stream);
    List<NamedTagEventList> failed =
        s.getStatus().tagList().stream()
            .map(
                t ->
                    new NamedTagEventList(
                        t.tag(),
                        t.items(),
                        List.of(
                            new TagEventCondition(
                                "ImportSuccess", "False", "2026-11-26T11:00:00Z", reason, "m", 1L)),
                        t.observedSource(),
                        null))
            .toList();
    s.setStatus(Streams.status(failed));
    return s;
  }

  @Test
  void transientFailuresAreRetriedWhenTheirTimeComes() {
    ImageStream s = failedWith("Unavailable");
    ImportKey key = onlyImport(plan(s)).key();
    FailedImport later = new FailedImport(key, 1, NOW.plusSeconds(30));
    TagPlan.Import waiting =
        onlyImport(plan(s, DEFAULTS, CredentialStore.EMPTY, Map.of("1", later)));
    assertThat(waiting.reason()).isEmpty();
    assertThat(waiting.retryAt()).contains(NOW.plusSeconds(30));
    FailedImport due = new FailedImport(key, 1, NOW.minusSeconds(1));
    assertThat(onlyImport(plan(s, DEFAULTS, CredentialStore.EMPTY, Map.of("1", due))).reason())
        .contains(ImportReason.RETRY);
    assertThat(onlyImport(plan(s)).reason())
        .as("after a restart, a transient failure is retried")
        .contains(ImportReason.RETRY);
  }

  @Test
  void theNextRetryComesFromTheOutcomeJustRecordedNotFromThePlanBeforeIt() {
    ImageStream fresh = Streams.stream("ns", "s").dockerImage("1", "quay.io/org/app:1").build();
    StreamPlan before = plan(fresh);
    TagPlan.Import imp = onlyImport(before);
    assertThat(imp.reason()).contains(ImportReason.NEW);
    assertThat(imp.retryAt()).as("the plan made before the failure knows no retry").isEmpty();

    ImageStreamStatus written = failedWith("Unavailable").getStatus();
    Map<String, FailedImport> recorded =
        Map.of("1", new FailedImport(imp.key(), 1, NOW.plusSeconds(15)));
    assertThat(ImportPlanner.nextRetry(before, written, recorded, NOW))
        .contains(NOW.plusSeconds(15));
    assertThat(
            ImportPlanner.nextRetry(before, failedWith("RateLimited").getStatus(), recorded, NOW))
        .contains(NOW.plusSeconds(15));
    assertThat(ImportPlanner.nextRetry(before, failedWith("NotFound").getStatus(), recorded, NOW))
        .as("a permanent failure waits for a change")
        .isEmpty();
    assertThat(ImportPlanner.nextRetry(before, imported(fresh).getStatus(), Map.of(), NOW))
        .as("nothing failed")
        .isEmpty();
  }

  @Test
  void theNextRetryIsTheEarliestOfTheTransientlyFailedTags() {
    ImageStream s =
        failedWith(
            "Unavailable",
            Streams.stream("ns", "s")
                .dockerImage("1", "quay.io/org/app:1")
                .dockerImage("2", "quay.io/org/app:2")
                .build());
    StreamPlan p = plan(s);
    ImportKey one = p.imports().get(0).key();
    ImportKey two = p.imports().get(1).key();
    Instant soon = NOW.plusSeconds(15);
    Instant later = NOW.plusSeconds(60);
    assertThat(
            ImportPlanner.nextRetry(
                p,
                s.getStatus(),
                Map.of("1", new FailedImport(one, 1, later), "2", new FailedImport(two, 1, soon)),
                NOW))
        .contains(soon);
    assertThat(
            ImportPlanner.nextRetry(
                p,
                s.getStatus(),
                Map.of("1", new FailedImport(one, 1, soon), "2", new FailedImport(two, 1, later)),
                NOW))
        .contains(soon);
  }

  @Test
  void afterARestartATransientFailureIsRetriedAtOnceButAnAttemptAtAnOlderKeyIsNotWaitedFor() {
    ImageStream s = failedWith("Unavailable");
    StreamPlan p = plan(s);
    assertThat(ImportPlanner.nextRetry(p, s.getStatus(), Map.of(), NOW))
        .as("no attempt remembered")
        .contains(NOW);
    ImportKey older =
        onlyImport(plan(Streams.stream("ns", "s").dockerImage("1", "quay.io/org/app:0").build()))
            .key();
    assertThat(
            ImportPlanner.nextRetry(
                p,
                s.getStatus(),
                Map.of("1", new FailedImport(older, 1, NOW.plusSeconds(30))),
                NOW))
        .as("the change that made the new key imports it")
        .isEmpty();
  }

  @Test
  void anImportModeTheSchemaWouldRejectFallsBackToTheClusterDefault() throws Exception {
    ImportConfig preserving =
        new ImportConfigParser(n -> Optional.empty())
            .parse("imageStreamImportMode: PreserveOriginal\n");
    ImageStream s =
        Streams.stream("ns", "s")
            .tag(
                new TagReference(
                    "1",
                    null,
                    TagSource.of("DockerImage", "quay.io/a/b:1", null),
                    null,
                    null,
                    new TagImportPolicy(null, null, "Sideways"),
                    null))
            .build();
    TagPlan.Import i = onlyImport(plan(s, preserving, CredentialStore.EMPTY, Map.of()));
    assertThat(i.key().importMode()).isEqualTo(ImportMode.PRESERVE_ORIGINAL);
  }

  @Test
  void permanentFailuresWaitForAChange() {
    ImageStream s = failedWith("NotFound");
    ImportKey key = onlyImport(plan(s)).key();
    assertThat(
            onlyImport(
                    plan(
                        s,
                        DEFAULTS,
                        CredentialStore.EMPTY,
                        Map.of("1", new FailedImport(key, 1, NOW))))
                .reason())
        .isEmpty();
    assertThat(onlyImport(plan(s)).reason()).as("not after a restart either").isEmpty();
  }

  @Test
  void failedTagsAreRetriedWhenTheirCredentialsChange() throws Exception {
    ImageStream s = failedWith("Unauthorized");
    FailedImport anonymous = new FailedImport(onlyImport(plan(s)).key(), 1, NOW);
    CredentialStore creds =
        new DockerConfigParser()
            .parseDockerConfigJson(
                "{\"auths\":{\"quay.io\":{\"username\":\"u\",\"password\":\"p\"}}}"
                    .getBytes(StandardCharsets.UTF_8));
    TagPlan.Import i = onlyImport(plan(s, DEFAULTS, creds, Map.of("1", anonymous)));
    assertThat(i.reason()).contains(ImportReason.CREDENTIALS_CHANGED);
    assertThat(i.access().credentials().username()).isEqualTo("u");
    assertThat(i.key().credentials()).isNotEqualTo("anonymous").doesNotContain("p");
  }

  @Test
  void scheduledTagsJoinTheScheduleOnceImportedAndDigestPinnedOnesLeaveIt() {
    String pinned = "quay.io/org/app@sha256:" + "b".repeat(64);
    ImageStream fresh =
        Streams.stream("ns", "s")
            .scheduled("p", pinned)
            .scheduled("t", "quay.io/org/app:1")
            .dockerImage("n", "quay.io/org/app:2")
            .build();
    StreamPlan p = plan(fresh);
    assertThat(ImportPlanner.scheduledTags(p, null))
        .as("nothing before the first import")
        .isEmpty();
    ImageStreamStatus imported = imported(fresh).getStatus();
    assertThat(ImportPlanner.scheduledTags(p, imported))
        .extracting(TagPlan.Import::tag)
        .as("the pinned tag was checked once; the unscheduled one never joins")
        .containsExactly("t");
    ImageStream failed = failedWith("NotFound");
    ImageStream pinnedFailed = Streams.stream("ns", "s").scheduled("1", pinned).build();
    NamedTagEventList f = failed.getStatus().tagList().get(0);
    ImageStreamStatus status =
        Streams.status(
            List.of(
                new NamedTagEventList(
                    "1",
                    null,
                    f.conditions(),
                    plan(pinnedFailed).imports().get(0).observed(),
                    null)));
    assertThat(ImportPlanner.scheduledTags(plan(pinnedFailed), status))
        .as("a failed pinned tag keeps being checked")
        .hasSize(1);
  }

  @Test
  void referencesRecordsAndRejects() {
    ImageStream s =
        Streams.stream("ns", "s")
            .streamTag("alias", "1")
            .tag(
                new TagReference(
                    "ref",
                    null,
                    TagSource.of("DockerImage", "quay.io/a/b:1", null),
                    true,
                    null,
                    null,
                    null))
            .dockerImage("bad", "https://quay.io/a/b")
            .tag(new TagReference("push", null, null, null, null, null, null))
            .dockerImage("1", "quay.io/a/b:1")
            .dockerImage("1", "quay.io/a/b:dup")
            .build();
    StreamPlan p = plan(s);
    assertThat(p.tags())
        .extracting(TagPlan::tag)
        .containsExactly("alias", "ref", "bad", "push", "1");
    assertThat(p.tags().get(0)).isInstanceOf(TagPlan.Track.class);
    assertThat(p.tags().get(1))
        .isInstanceOfSatisfying(
            TagPlan.Record.class, r -> assertThat(r.pullSpec()).isEqualTo("quay.io/a/b:1"));
    assertThat(p.tags().get(2))
        .isInstanceOfSatisfying(
            TagPlan.Reject.class,
            r -> {
              assertThat(r.failure().reason()).isEqualTo("InvalidReference");
              assertThat(r.failure().message()).contains("must not include a scheme");
            });
    assertThat(p.tags().get(3))
        .as("a tag without from")
        .isInstanceOfSatisfying(
            TagPlan.Reject.class,
            r -> {
              assertThat(r.failure().reason()).isEqualTo("InvalidReference");
              assertThat(r.failure().message())
                  .isEqualTo(
                      "the tag has no from: set from.kind and from.name to the image or tag it points to");
            });
    assertThat(p.duplicateTags()).containsExactly("1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          DockerImage      | from.name is empty: a DockerImage tag needs an image reference such as registry.example.com/team/app:1
          ImageStreamTag   | from.name is empty: an ImageStreamTag tag needs [stream:]tag
          ImageStreamImage | from.name is empty: an ImageStreamImage tag needs stream@digest
          """)
  void anEmptyFromNameIsRejectedSayingWhatTheKindNeeds(String kind, String message) {
    ImageStream s =
        Streams.stream("ns", "s")
            .tag(new TagReference("t", null, TagSource.of(kind, "", null), null, null, null, null))
            .build();
    assertThat(plan(s).tags())
        .singleElement()
        .isInstanceOfSatisfying(
            TagPlan.Reject.class,
            r -> {
              assertThat(r.failure().reason()).isEqualTo("InvalidReference");
              assertThat(r.failure().message()).isEqualTo(message);
            });
  }

  @Test
  void clusterPolicyDecidesModeInsecurePlatformsAndRefusals() throws Exception {
    ImportConfig config =
        new ImportConfigParser(n -> Optional.empty())
            .parse(
                """
        imageStreamImportMode: PreserveOriginal
        defaultPlatform: linux/arm64
        registrySources:
          insecureRegistries: [reg.local:5000]
          blockedRegistries: [evil.example.com]
        allowedRegistriesForImport:
          - domainName: quay.io
          - domainName: reg.local:5000
        """);
    ImageStream s =
        Streams.stream("ns", "s")
            .dockerImage("q", "quay.io/a/b:1")
            .dockerImage("local", "reg.local:5000/a:1")
            .dockerImage("hub", "python:3")
            .dockerImage("evil", "evil.example.com/x:1")
            .tag(
                new TagReference(
                    "arch",
                    Map.of(TagReference.PREFER_ARCH_ANNOTATION, "ppc64le"),
                    TagSource.of("DockerImage", "quay.io/a/b:1", null),
                    null,
                    null,
                    new TagImportPolicy(null, null, "Legacy"),
                    null))
            .build();
    StreamPlan p = plan(s, config, CredentialStore.EMPTY, Map.of());
    TagPlan.Import q = (TagPlan.Import) p.tags().get(0);
    assertThat(q.key().importMode()).isEqualTo(ImportMode.PRESERVE_ORIGINAL);
    assertThat(q.access().insecure()).isFalse();
    assertThat(((TagPlan.Import) p.tags().get(1)).access().insecure()).isTrue();
    assertThat(p.tags().get(2))
        .isInstanceOfSatisfying(
            TagPlan.Reject.class,
            r -> {
              assertThat(r.failure().reason()).isEqualTo("Forbidden");
              assertThat(r.failure().message())
                  .isEqualTo(
                      "registry \"docker.io\" is not allowed by allowedRegistriesForImport: \"quay.io\", \"reg.local:5000\"");
            });
    assertThat(p.tags().get(3))
        .isInstanceOfSatisfying(
            TagPlan.Reject.class,
            r -> assertThat(r.failure().message()).isEqualTo("registry evil.example.com blocked"));
    TagPlan.Import arch = (TagPlan.Import) p.tags().get(4);
    assertThat(arch.key().importMode()).isEqualTo(ImportMode.LEGACY);
    assertThat(arch.key().platforms())
        .containsExactly(
            new PlatformPreference(null, "ppc64le", null),
            new PlatformPreference("linux", "arm64", null));
    assertThat(arch.observed())
        .isEqualTo(
            new ObservedTagSource(
                "DockerImage", "quay.io/a/b:1", null, null, "Legacy", null, "ppc64le", null));
  }

  @Test
  void theStreamInsecureAnnotationMakesEveryTagInsecure() {
    ImageStream s =
        Streams.stream("ns", "s")
            .annotation(RegistryAccessPolicy.INSECURE_REPOSITORY_ANNOTATION, "true")
            .dockerImage("1", "quay.io/a/b:1")
            .build();
    assertThat(onlyImport(plan(s)).access().insecure()).isTrue();
    assertThat(onlyImport(plan(s)).key().insecure()).isTrue();
  }
}
