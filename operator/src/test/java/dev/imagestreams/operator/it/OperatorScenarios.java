package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.ImportConfigParser;
import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.PushedIndex;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The operator's scenarios, written once and run against every {@link ApiServer} backend, with the
 * real distribution registry started by the test.
 */
abstract class OperatorScenarios extends OperatorTestBase {
  @Test
  void importsDockerImageTagsWithDigestsHistoryAndMetadata() {
    PushedImage image = REGISTRY.pusher().pushOciImage("apps/web", "1.0", Platform.LINUX_AMD64);
    PushedIndex index = REGISTRY.pusher().pushOciIndex("apps/multi", "latest");
    create(
        Streams.stream(ns, "web")
            .dockerImage("1.0", repo("apps/web:1.0"))
            .dockerImage("multi", repo("apps/multi"))
            .forCreate());

    ImageStreamStatus status = awaitReady("web");
    TagEvent web = tag(status, "1.0").current().orElseThrow();
    assertThat(web.image()).isEqualTo(image.digest());
    assertThat(web.dockerImageReference()).isEqualTo(repo("apps/web") + "@" + image.digest());
    assertThat(web.generation()).isEqualTo(1L);
    TagEvent multi = tag(status, "multi").current().orElseThrow();
    assertThat(multi.image())
        .as("Legacy mode records the linux/amd64 image")
        .isEqualTo(index.child(Platform.LINUX_AMD64).digest());
    assertThat(tag(status, "multi").sourceDigest()).isEqualTo(index.digest());
    assertThat(status.image(image.digest()))
        .as("a summary of each current image, by default")
        .hasValueSatisfying(
            i -> {
              assertThat(i.dockerImageMetadata().architecture()).isEqualTo("amd64");
              assertThat(i.dockerImageMetadata().created()).isNotNull();
              assertThat(i.dockerImageMetadata().size()).isPositive();
              assertThat(i.dockerImageMetadata().config()).isNull();
              assertThat(i.dockerImageLayers()).isNull();
              assertThat(i.metadataTruncated()).isTrue();
            });
    assertThat(status.tagsSummary()).contains("1.0").contains("multi");
    assertThat(ready(status).orElseThrow().getReason()).isEqualTo("Imported");
    assertThat(get("web").getSpec())
        .as("the operator never writes spec")
        .isEqualTo(
            Streams.stream(ns, "web")
                .dockerImage("1.0", repo("apps/web:1.0"))
                .dockerImage("multi", repo("apps/multi"))
                .build()
                .getSpec());
    await()
        .untilAsserted(
            () ->
                assertThat(events("web"))
                    .filteredOn(e -> "Imported".equals(e.getReason()))
                    .singleElement()
                    .satisfies(
                        e ->
                            assertThat(e.getMessage())
                                .startsWith("2 tags imported: ")
                                .contains("1.0 now points to " + web.dockerImageReference())));
  }

  @Test
  void retargetingATagPrependsHistoryAndRemovingATagRemovesItsStatus() {
    PushedImage v1 = REGISTRY.pusher().pushOciImage("apps/api", "v1", Platform.LINUX_AMD64, 1);
    PushedImage v2 = REGISTRY.pusher().pushOciImage("apps/api", "v2", Platform.LINUX_AMD64, 2);
    create(
        Streams.stream(ns, "api")
            .dockerImage("prod", repo("apps/api:v1"))
            .dockerImage("old", repo("apps/api:v1"))
            .forCreate());
    awaitReady("api");

    ImageStream stream = get("api");
    k8s.resource(Streams.stream(ns, "api").dockerImage("prod", repo("apps/api:v2")).forCreate())
        .update(); // retarget prod, drop old
    ImageStreamStatus status =
        awaitStatus(
            "api",
            s ->
                s.observedGeneration() != null
                    && s.observedGeneration() > stream.getMetadata().getGeneration());
    assertThat(tag(status, "prod").itemList())
        .extracting(TagEvent::image)
        .containsExactly(v2.digest(), v1.digest());
    assertThat(status.tag("old")).isEmpty();
    assertThat(status.image(v1.digest())).as("metadata only for current images").isEmpty();
  }

  @Test
  void aFailedImportSaysWhyKeepsOtherTagsAndRecoversOnRequest() {
    PushedImage ok = REGISTRY.pusher().pushOciImage("apps/partial", "ok", Platform.LINUX_AMD64);
    create(
        Streams.stream(ns, "partial")
            .dockerImage("ok", repo("apps/partial:ok"))
            .dockerImage("missing", repo("apps/partial:missing"))
            .forCreate());

    ImageStreamStatus failed = awaitStatus("partial", s -> s.observedGeneration() != null);
    assertThat(tag(failed, "ok").current().orElseThrow().image()).isEqualTo(ok.digest());
    var condition = tag(failed, "missing").importCondition().orElseThrow();
    assertThat(condition.status()).isEqualTo("False");
    assertThat(condition.reason()).isEqualTo("NotFound");
    assertThat(condition.message()).contains("apps/partial:missing").contains("does not exist");
    assertThat(ready(failed).orElseThrow().getStatus()).isEqualTo("False");
    assertThat(ready(failed).orElseThrow().getReason()).isEqualTo("ImportFailed");
    assertThat(ready(failed).orElseThrow().getMessage())
        .startsWith("1 of 2 tags failed to import: missing: NotFound");
    await()
        .untilAsserted(
            () ->
                assertThat(events("partial"))
                    .filteredOn(e -> "ImportFailed".equals(e.getReason()))
                    .hasSize(1));

    PushedImage now =
        REGISTRY.pusher().pushOciImage("apps/partial", "missing", Platform.LINUX_AMD64, 5);
    k8s.resources(ImageStream.class)
        .inNamespace(ns)
        .withName("partial")
        .edit(
            s -> {
              s.getMetadata()
                  .setAnnotations(
                      Map.of("imagestreams.dev/import-requested-at", "2026-11-26T10:00:00Z"));
              return s;
            });
    ImageStreamStatus recovered = awaitReady("partial");
    assertThat(tag(recovered, "missing").current().orElseThrow().image()).isEqualTo(now.digest());
    assertThat(tag(recovered, "missing").importCondition()).isEmpty();
    assertThat(recovered.lastHandledImportRequest()).isEqualTo("2026-11-26T10:00:00Z");
  }

  // ---- tag references --------------------------------------------------------------------------

  @Test
  void sameStreamReferencesFollowTheirSourceThroughChains() {
    PushedImage v1 = REGISTRY.pusher().pushOciImage("apps/ref", "v1", Platform.LINUX_AMD64, 11);
    PushedImage v2 = REGISTRY.pusher().pushOciImage("apps/ref", "v2", Platform.LINUX_AMD64, 12);
    create(
        Streams.stream(ns, "ref")
            .dockerImage("base", repo("apps/ref:v1"))
            .streamTag("latest", "base")
            .streamTag("chain", "ref:latest")
            .forCreate());
    ImageStreamStatus first = awaitReady("ref");
    assertThat(tag(first, "latest").current().orElseThrow().image()).isEqualTo(v1.digest());
    assertThat(tag(first, "chain").current().orElseThrow().dockerImageReference())
        .isEqualTo(repo("apps/ref") + "@" + v1.digest());

    retarget(
        "ref",
        s -> {
          s.getSpec().tags().set(0, Streams.docker("base", repo("apps/ref:v2"), false));
          return s;
        });
    ImageStreamStatus moved =
        awaitStatus(
            "ref",
            st -> tag(st, "chain").current().map(e -> v2.digest().equals(e.image())).orElse(false));
    assertThat(tag(moved, "latest").itemList())
        .extracting(TagEvent::image)
        .containsExactly(v2.digest(), v1.digest());
    assertThat(moved.image(v2.digest())).isPresent();
  }

  @Test
  void crossStreamReferencesTrackContinuouslyAndImagesPin() {
    PushedImage v1 = REGISTRY.pusher().pushOciImage("apps/src", "v1", Platform.LINUX_AMD64, 21);
    PushedImage v2 = REGISTRY.pusher().pushOciImage("apps/src", "v2", Platform.LINUX_AMD64, 22);
    create(Streams.stream(ns, "source").dockerImage("1.0", repo("apps/src:v1")).forCreate());
    awaitReady("source");
    create(
        Streams.stream(ns, "consumer")
            .streamTag("app", null, "source:1.0")
            .streamImage("pinned", null, "source@" + v1.digest())
            .forCreate());
    ImageStreamStatus consumer = awaitReady("consumer");
    assertThat(tag(consumer, "app").current().orElseThrow().image()).isEqualTo(v1.digest());
    assertThat(tag(consumer, "pinned").current().orElseThrow().image()).isEqualTo(v1.digest());
    assertThat(consumer.image(v1.digest()))
        .as("metadata is copied from the source stream")
        .isPresent();

    retarget(
        "source",
        st -> {
          st.getSpec().tags().set(0, Streams.docker("1.0", repo("apps/src:v2"), false));
          return st;
        });
    ImageStreamStatus followed =
        awaitStatus(
            "consumer",
            st -> tag(st, "app").current().map(e -> v2.digest().equals(e.image())).orElse(false));
    assertThat(tag(followed, "pinned").current().orElseThrow().image())
        .as("ImageStreamImage stays pinned")
        .isEqualTo(v1.digest());
  }

  @Test
  void crossNamespaceReferencesAreRefusedUntilTheSourceGrantsThem() {
    PushedImage image =
        REGISTRY.pusher().pushOciImage("apps/shared", "v1", Platform.LINUX_AMD64, 31);
    String other = ns + "-shared";
    ensureNamespace(other, Map.of());
    k8s.resource(
            Streams.stream(other, "base").dockerImage("1.0", repo("apps/shared:v1")).forCreate())
        .create();
    create(Streams.stream(ns, "app").streamTag("base", other, "base:1.0").forCreate());

    ImageStreamStatus refused = awaitObserved("app");
    var condition = tag(refused, "base").importCondition().orElseThrow();
    assertThat(condition.reason()).isEqualTo("Forbidden");
    assertThat(condition.message())
        .contains(other + "/base does not allow references from namespace " + ns)
        .contains("imagestreams.dev/allow-references-from: \"" + ns + "\"");

    k8s.resources(ImageStream.class)
        .inNamespace(other)
        .withName("base")
        .edit(
            st -> {
              st.getMetadata()
                  .setAnnotations(
                      Map.of("imagestreams.dev/allow-references-from", "team-x, " + ns));
              return st;
            });
    ImageStreamStatus granted = awaitReady("app");
    assertThat(tag(granted, "base").current().orElseThrow().image()).isEqualTo(image.digest());
  }

  @Test
  void cyclesAndMissingSourcesGiveAClearCondition() {
    create(
        Streams.stream(ns, "loops")
            .streamTag("a", "b")
            .streamTag("b", "a")
            .streamTag("c", "nope")
            .streamTag("d", null, "nostream:x")
            .forCreate());
    ImageStreamStatus status = awaitObserved("loops");
    assertThat(tag(status, "a").importCondition().orElseThrow().reason())
        .isEqualTo("ReferenceCycle");
    assertThat(tag(status, "a").importCondition().orElseThrow().message()).contains("a -> b -> a");
    assertThat(tag(status, "b").importCondition().orElseThrow().reason())
        .isEqualTo("ReferenceCycle");
    assertThat(tag(status, "c").importCondition().orElseThrow().message())
        .isEqualTo("tag nope does not exist in ImageStream " + ns + "/loops");
    assertThat(tag(status, "d").importCondition().orElseThrow().message())
        .isEqualTo("ImageStream " + ns + "/nostream does not exist");
    assertThat(ready(status).orElseThrow().getStatus()).isEqualTo("False");
  }

  @Test
  void referenceTagsRecordTheirSourceWithoutAnyRegistryTraffic() {
    create(
        Streams.stream(ns, "refs")
            .tag(
                new dev.imagestreams.api.v1.TagReference(
                    "ext",
                    null,
                    dev.imagestreams.api.v1.TagSource.of(
                        "DockerImage", proxy.host() + "/apps/never:1", null),
                    true,
                    null,
                    null,
                    null))
            .forCreate());
    ImageStreamStatus status = awaitReady("refs");
    TagEvent event = tag(status, "ext").current().orElseThrow();
    assertThat(event.dockerImageReference()).isEqualTo(proxy.host() + "/apps/never:1");
    assertThat(event.image()).isEmpty();
    assertThat(proxy.requests()).isEmpty();
  }

  // ---- privileged namespaces --------------------------------------------------------------------

  @Test
  void privilegedNamespacesAreRefusedWithoutRegistryTraffic() {
    ensureNamespace("kube-system", Map.of());
    String name = "refused-" + ns;
    k8s.resource(
            Streams.stream("kube-system", name)
                .dockerImage("1", proxy.host() + "/apps/web:1.0")
                .forCreate())
        .create();
    ImageStreamStatus status =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    Optional.ofNullable(
                            k8s.resources(ImageStream.class)
                                .inNamespace("kube-system")
                                .withName(name)
                                .get())
                        .map(ImageStream::getStatus)
                        .orElse(null),
                s -> s != null && ready(s).isPresent());
    Condition condition = ready(status).orElseThrow();
    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getReason()).isEqualTo("PrivilegedNamespace");
    assertThat(condition.getMessage()).contains("kube-system").contains("does not import");
    assertThat(status.tagList()).isEmpty();
    assertThat(proxy.requests()).isEmpty();
    await()
        .untilAsserted(
            () ->
                assertThat(k8s.v1().events().inNamespace("kube-system").list().getItems())
                    .filteredOn(e -> name.equals(e.getInvolvedObject().getName()))
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.getType()).isEqualTo("Warning");
                          assertThat(e.getReason()).isEqualTo("PrivilegedNamespace");
                        }));
  }

  @Test
  void aRunLevelLabelRefusesTheNamespaceAndItsRemovalResumesImports() {
    PushedImage image =
        REGISTRY.pusher().pushOciImage("apps/level", "v1", Platform.LINUX_AMD64, 41);
    String system = ns + "-system";
    ensureNamespace(system, Map.of("openshift.io/run-level", "0"));
    k8s.resource(
            Streams.stream(system, "lvl")
                .dockerImage("v1", proxy.host() + "/apps/level:v1")
                .forCreate())
        .create();
    java.util.function.Supplier<ImageStreamStatus> status =
        () ->
            Optional.ofNullable(
                    k8s.resources(ImageStream.class).inNamespace(system).withName("lvl").get())
                .map(ImageStream::getStatus)
                .orElse(null);
    ImageStreamStatus refused =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(status::get, s -> s != null && ready(s).isPresent());
    assertThat(ready(refused).orElseThrow().getReason()).isEqualTo("PrivilegedNamespace");
    assertThat(ready(refused).orElseThrow().getMessage()).contains("openshift.io/run-level=0");
    assertThat(proxy.requests()).isEmpty();

    label(system, Map.of("team", "a"));
    ImageStreamStatus imported =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(status::get, s -> ready(s).map(c -> "True".equals(c.getStatus())).orElse(false));
    assertThat(tag(imported, "v1").current().orElseThrow().image()).isEqualTo(image.digest());

    label(system, Map.of("openshift.io/run-level", "1"));
    ImageStreamStatus again =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                status::get,
                s -> ready(s).map(c -> "PrivilegedNamespace".equals(c.getReason())).orElse(false));
    assertThat(tag(again, "v1").current()).as("history is kept").isPresent();
  }

  // ---- restart, writes and events
  // -----------------------------------------------------------------

  @Test
  void aRestartReimportsNothingAndWritesNothing() throws Exception {
    REGISTRY.pusher().pushOciImage("apps/restart", "v1", Platform.LINUX_AMD64, 51);
    REGISTRY.pusher().pushOciIndex("apps/restart", "multi", 52);
    create(
        Streams.stream(ns, "stable")
            .dockerImage("v1", proxy.host() + "/apps/restart:v1")
            .dockerImage("multi", proxy.host() + "/apps/restart:multi")
            .scheduled("sched", proxy.host() + "/apps/restart:v1")
            .forCreate());
    awaitReady("stable");

    operator.close();
    proxy.clearRequests();
    api.requests().clear();
    long streams = k8s.resources(ImageStream.class).inAnyNamespace().list().getItems().size();
    operator = startOperator();
    await().atMost(Duration.ofSeconds(30)).until(() -> reconciliations() >= streams);

    assertThat(proxy.requests()).as("no registry request after a restart").isEmpty();
    assertThat(api.requests().writes("/imagestreams/"))
        .as("no status write after a restart")
        .isZero();
  }

  @Test
  void statusAndEventsAreWrittenOnTransitionsOnly() {
    PushedImage image =
        REGISTRY.pusher().pushOciImage("apps/quiet", "v1", Platform.LINUX_AMD64, 61);
    create(
        Streams.stream(ns, "quiet")
            .dockerImage("v1", repo("apps/quiet:v1"))
            .dockerImage("gone", repo("apps/quiet:gone"))
            .forCreate());
    awaitObserved("quiet");
    String statusPath = "/namespaces/" + ns + "/imagestreams/quiet/status";
    assertThat(api.requests().writes(statusPath)).isEqualTo(1);

    double before = reconciliations();
    label(ns, Map.of("unrelated", "change")); // reconciles every stream of the namespace
    await().atMost(Duration.ofSeconds(30)).until(() -> reconciliations() > before);
    k8s.resources(ImageStream.class)
        .inNamespace(ns)
        .withName("quiet")
        .edit(
            st -> {
              st.getMetadata().setAnnotations(Map.of("imagestreams.dev/import-requested-at", "1"));
              return st;
            });
    ImageStreamStatus after = awaitStatus("quiet", s -> "1".equals(s.lastHandledImportRequest()));
    assertThat(api.requests().writes(statusPath))
        .as("one write for the import request, none for the label")
        .isEqualTo(2);
    assertThat(tag(after, "v1").itemList())
        .extracting(TagEvent::image)
        .containsExactly(image.digest());
    await()
        .untilAsserted(
            () -> {
              assertThat(events("quiet"))
                  .filteredOn(e -> "Imported".equals(e.getReason()))
                  .singleElement()
                  .satisfies(
                      e ->
                          assertThat(e.getMessage())
                              .isEqualTo(
                                  "tag v1 now points to "
                                      + repo("apps/quiet")
                                      + "@"
                                      + image.digest()));
              assertThat(events("quiet"))
                  .filteredOn(e -> "ImportFailed".equals(e.getReason()))
                  .singleElement()
                  .satisfies(
                      e ->
                          assertThat(e.getMessage())
                              .startsWith("tag gone failed to import: NotFound: "));
            });
    assertThat(tag(after, "gone").importCondition().orElseThrow().lastTransitionTime())
        .as("a repeated identical failure keeps its time")
        .isEqualTo(
            tag(awaitObserved("quiet"), "gone")
                .importCondition()
                .orElseThrow()
                .lastTransitionTime());
  }

  // ---- pull secrets
  // ---------------------------------------------------------------------------------

  private io.fabric8.kubernetes.api.model.Secret pullSecret(
      String namespace, String name, String user, String password, boolean excluded) {
    String auth =
        java.util.Base64.getEncoder()
            .encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String config = "{\"auths\":{\"" + BASIC.host() + "\":{\"auth\":\"" + auth + "\"}}}";
    return new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withAnnotations(excluded ? Map.of("openshift.io/image.excludeSecret", "true") : Map.of())
        .endMetadata()
        .withType("kubernetes.io/dockerconfigjson")
        .withData(
            Map.of(
                ".dockerconfigjson",
                java.util.Base64.getEncoder()
                    .encodeToString(config.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .build();
  }

  @Test
  void importsWithPullSecretsOfTheStreamsOwnNamespaceOnly() {
    PushedImage image = BASIC.pusher().pushOciImage("private/app", "1", Platform.LINUX_AMD64, 71);
    String elsewhere = ns + "-other";
    ensureNamespace(elsewhere, Map.of());
    k8s.resource(pullSecret(elsewhere, "creds", "alice", "s3cret", false)).create();
    k8s.resource(pullSecret(ns, "excluded", "alice", "s3cret", true)).create();
    create(
        Streams.stream(ns, "private")
            .dockerImage("1", BASIC.host() + "/private/app:1")
            .forCreate());

    ImageStreamStatus anonymous = awaitObserved("private");
    assertThat(tag(anonymous, "1").importCondition().orElseThrow().reason())
        .isEqualTo("Unauthorized");
    assertThat(tag(anonymous, "1").importCondition().orElseThrow().message())
        .as("neither another namespace's Secret nor an excluded one is used")
        .contains("requires credentials and none were found");

    k8s.resource(pullSecret(ns, "wrong", "alice", "not-it", false)).create();
    ImageStreamStatus denied =
        awaitStatus(
            "private",
            st ->
                tag(st, "1")
                    .importCondition()
                    .map(c -> c.message().contains("rejected the credentials"))
                    .orElse(false));
    assertThat(tag(denied, "1").importCondition().orElseThrow().message()).doesNotContain("not-it");

    assertThat(operator.credentials().cachedSecrets()).contains(ns + "/wrong");
    k8s.secrets().inNamespace(ns).withName("wrong").delete();
    k8s.resource(pullSecret(ns, "right", "alice", "s3cret", false)).create();
    ImageStreamStatus imported = awaitReady("private");
    assertThat(tag(imported, "1").current().orElseThrow().image()).isEqualTo(image.digest());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(operator.credentials().cachedSecrets())
                    .as("a deleted Secret's credentials go with it")
                    .contains(ns + "/right")
                    .doesNotContain(ns + "/wrong"));
  }

  // ---- OpenShift YAML
  // ---------------------------------------------------------------------------------

  private ImageStream applyExport(String file) throws java.io.IOException {
    String yaml;
    try (var in = getClass().getResourceAsStream("/openshift-exports/" + file)) {
      yaml =
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
              .replace("${REGISTRY}", REGISTRY.host());
    }
    ImageStream exported =
        k8s.resources(ImageStream.class)
            .load(
                new java.io.ByteArrayInputStream(
                    yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .item();
    ensureNamespace(exported.getMetadata().getNamespace(), Map.of());
    ImageStream applied =
        k8s.resources(ImageStream.class)
            .load(
                new java.io.ByteArrayInputStream(
                    yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .item();
    // server-populated metadata goes, as with any exported object
    applied.getMetadata().setResourceVersion(null);
    applied.getMetadata().setUid(null);
    applied.getMetadata().setCreationTimestamp(null);
    applied.getMetadata().setSelfLink(null);
    applied.getMetadata().setGeneration(null);
    applied.getMetadata().setOwnerReferences(null);
    k8s.resource(applied).create();
    return exported;
  }

  private ImageStreamStatus awaitExport(ImageStream exported) {
    String namespace = exported.getMetadata().getNamespace();
    String name = exported.getMetadata().getName();
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Optional.ofNullable(
                        k8s.resources(ImageStream.class)
                            .inNamespace(namespace)
                            .withName(name)
                            .get())
                    .map(ImageStream::getStatus)
                    .filter(st -> st.observedGeneration() != null)
                    .orElse(null),
            java.util.Objects::nonNull);
  }

  @Test
  void openShiftExportsApplyUnchangedAndImport() throws Exception {
    REGISTRY.pusher().pushOciImage("exports/app", "1.0", Platform.LINUX_AMD64, 81);
    PushedIndex multi = REGISTRY.pusher().pushOciIndex("exports/multi", "latest", 82);
    ImageStream exported = applyExport("local-registry.yaml");
    ImageStreamStatus status = awaitExport(exported);
    ImageStream stored =
        k8s.resources(ImageStream.class).inNamespace("exports").withName("exported").get();
    assertThat(stored.getSpec()).as("spec as exported, untouched").isEqualTo(exported.getSpec());
    assertThat(stored.getMetadata().getAnnotations())
        .containsAllEntriesOf(exported.getMetadata().getAnnotations());
    assertThat(ready(status).orElseThrow().getStatus()).isEqualTo("True");
    assertThat(tag(status, "latest").current().orElseThrow().image())
        .isEqualTo(tag(status, "1.0").current().orElseThrow().image());
    assertThat(tag(status, "multi").current().orElseThrow().image()).isEqualTo(multi.digest());
    assertThat(status.image(multi.digest()).orElseThrow().dockerImageManifests()).hasSize(2);
  }

  @Test
  void openShiftExportsOfUnreachableRegistriesSayWhy() throws Exception {
    for (String file : List.of("python.yaml", "rhpam-kieserver.yaml")) {
      ImageStream exported = applyExport(file);
      ImageStreamStatus status = awaitExport(exported);
      NamedTagEventList tag = status.tagList().get(0);
      assertThat(tag.importCondition().orElseThrow().reason()).as(file).isEqualTo("Forbidden");
      assertThat(tag.importCondition().orElseThrow().message())
          .as(file)
          .matches("registry (docker\\.io|registry\\.redhat\\.io) blocked");
      assertThat(
              k8s.resources(ImageStream.class)
                  .inNamespace(exported.getMetadata().getNamespace())
                  .withName(exported.getMetadata().getName())
                  .get()
                  .getSpec())
          .isEqualTo(exported.getSpec());
    }
    for (String file : List.of("ansible-runner.yaml", "must-gather.yaml")) {
      ImageStreamStatus status = awaitExport(applyExport(file));
      assertThat(ready(status).orElseThrow().getReason()).as(file).isEqualTo("PrivilegedNamespace");
    }
  }

  // ---- unexpected failures
  // ----------------------------------------------------------------------------

  @Test
  void anUnexpectedFailureSaysWhyOnTheStreamAndTheRetryRecovers() {
    PushedImage image =
        REGISTRY.pusher().pushOciImage("apps/failing", "v1", Platform.LINUX_AMD64, 95);
    java.util.concurrent.atomic.AtomicBoolean failed =
        new java.util.concurrent.atomic.AtomicBoolean();
    api.requests()
        .beforeSending(
            r -> {
              if (r.isWrite()
                  && r.path().endsWith("/imagestreams/failing/status")
                  && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure of the first status write");
              }
            });
    List<io.fabric8.kubernetes.api.model.Condition> seen =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    try (var watch =
        k8s.resources(ImageStream.class)
            .inNamespace(ns)
            .withName("failing")
            .watch(
                new io.fabric8.kubernetes.client.Watcher<>() {
                  @Override
                  public void eventReceived(Action action, ImageStream stream) {
                    Optional.ofNullable(stream.getStatus())
                        .flatMap(s -> s.condition("Ready"))
                        .ifPresent(seen::add);
                  }

                  @Override
                  public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
                })) {
      create(Streams.stream(ns, "failing").dockerImage("v1", repo("apps/failing:v1")).forCreate());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> seen.stream().anyMatch(c -> "ReconcileFailed".equals(c.getReason())));
      assertThat(seen)
          .filteredOn(c -> "ReconcileFailed".equals(c.getReason()))
          .first()
          .satisfies(
              c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getMessage())
                    .startsWith("reconciliation failed: ")
                    .contains("injected failure of the first status write");
              });
      ImageStreamStatus recovered = awaitReady("failing");
      assertThat(tag(recovered, "v1").current().orElseThrow().image()).isEqualTo(image.digest());
    }
  }

  // ---- configuration
  // ----------------------------------------------------------------------------------

  @Test
  void fullImageMetadataIsKeptWhenConfiguredAndSummarisedAgainWhenNot() throws Exception {
    PushedImage image = REGISTRY.pusher().pushOciImage("apps/meta", "v1", Platform.LINUX_AMD64, 93);
    ImportConfig before = operator.config();
    try {
      operator.apply(
          new ImportConfigParser(n -> Optional.empty())
              .parse(
                  "registrySources:\n  insecureRegistries: [\""
                      + REGISTRY.host()
                      + "\"]\nstatusImageMetadata: Full\n"));
      create(Streams.stream(ns, "meta").dockerImage("v1", repo("apps/meta:v1")).forCreate());
      ImageStreamStatus full =
          awaitStatus(
              "meta",
              s -> s.image(image.digest()).map(i -> i.dockerImageLayers() != null).orElse(false));
      assertThat(full.image(image.digest()))
          .hasValueSatisfying(
              i -> {
                assertThat(i.dockerImageMetadata().config().workingDir()).isEqualTo("/app");
                assertThat(i.dockerImageLayers()).hasSize(2);
                assertThat(i.metadataTruncated()).isNull();
              });
    } finally {
      operator.apply(before);
    }
    ImageStreamStatus summarised =
        awaitStatus(
            "meta",
            s ->
                s.image(image.digest())
                    .map(i -> Boolean.TRUE.equals(i.metadataTruncated()))
                    .orElse(false));
    assertThat(summarised.image(image.digest()).orElseThrow().dockerImageLayers())
        .as("the stream shrinks when the configuration goes back to Summary")
        .isNull();
  }

  @Test
  void configurationChangesApplyWithoutARestart() throws Exception {
    PushedImage image = REGISTRY.pusher().pushOciImage("apps/cfg", "v1", Platform.LINUX_AMD64, 91);
    create(Streams.stream(ns, "cfg").dockerImage("v1", proxy.host() + "/apps/cfg:v1").forCreate());
    awaitReady("cfg");
    ImportConfig before = operator.config();
    try {
      operator.apply(
          TestConfig.insecure(
              List.of(REGISTRY.host(), proxy.host()),
              "internalRegistryHostname: registry.internal:5000\n"
                  + "externalRegistryHostnames: [images.example.com]\n"
                  + "privilegedNamespaces: ["
                  + ns
                  + "]\n"));
      ImageStreamStatus refused =
          awaitStatus(
              "cfg",
              s -> ready(s).map(c -> "PrivilegedNamespace".equals(c.getReason())).orElse(false));
      assertThat(refused.dockerImageRepository())
          .isEqualTo("registry.internal:5000/" + ns + "/cfg");
      assertThat(refused.publicDockerImageRepository())
          .isEqualTo("images.example.com/" + ns + "/cfg");
      assertThat(refused.displayRepository()).isEqualTo("images.example.com/" + ns + "/cfg");
      assertThat(tag(refused, "v1").current().orElseThrow().image()).isEqualTo(image.digest());
    } finally {
      operator.apply(before);
    }
    awaitReady("cfg");
  }
}
