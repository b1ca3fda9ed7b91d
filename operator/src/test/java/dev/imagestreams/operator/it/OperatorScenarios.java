package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.operator.config.ImportConfig;
import dev.imagestreams.operator.config.ImportConfigParser;
import dev.imagestreams.operator.testing.ApiServer;
import dev.imagestreams.operator.testing.Streams;
import dev.imagestreams.registry.testing.FaultProxy;
import dev.imagestreams.registry.testing.Platform;
import dev.imagestreams.registry.testing.PushedImage;
import dev.imagestreams.registry.testing.PushedIndex;
import dev.imagestreams.registry.testing.RegistryExtension;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's scenarios, written once and run against every {@link ApiServer} backend, with the
 * real distribution registry started by the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OperatorScenarios {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  protected ApiServer api;
  protected KubernetesClient k8s;
  protected ImageStreamOperator operator;
  protected FaultProxy proxy;
  protected String ns;

  /** Starts the API server backend. */
  protected abstract ApiServer startApiServer();

  @BeforeAll
  void startAll() throws Exception {
    api = startApiServer();
    k8s = api.testClient();
    proxy = FaultProxy.start(REGISTRY.baseUri());
    operator = startOperator();
  }

  @AfterAll
  void stopAll() {
    if (operator != null) {
      operator.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @BeforeEach
  void newNamespace() {
    ns = "test-" + NAMESPACES.incrementAndGet();
    k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    proxy.reset();
  }

  protected ImageStreamOperator startOperator() throws Exception {
    ImageStreamOperator o =
        new ImageStreamOperator(
            ImageStreamOperator.Settings.of(api.client(), "imagestream-operator")
                .withServerSideApply(api.serverSideApply())
                .withFixedConfig(config()));
    o.start();
    return o;
  }

  /** The registries of the test are plain HTTP: they are listed as insecure. */
  protected ImportConfig config() throws Exception {
    return new ImportConfigParser(n -> Optional.empty())
        .parse("registrySources:\n  insecureRegistries: [\"" + REGISTRY.host() + "\", \"" + proxy.host() + "\"]\n"
            + "  blockedRegistries: [docker.io, quay.io, registry.redhat.io]\n");
  }

  protected String repo(String path) {
    return REGISTRY.host() + "/" + path;
  }

  protected ImageStream create(ImageStream stream) {
    return k8s.resource(stream).create();
  }

  protected ImageStream get(String name) {
    return k8s.resources(ImageStream.class).inNamespace(ns).withName(name).get();
  }

  protected ImageStreamStatus awaitStatus(String name, java.util.function.Predicate<ImageStreamStatus> done) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Optional.ofNullable(get(name)).map(ImageStream::getStatus).orElse(null), s -> s != null && done.test(s));
  }

  protected ImageStreamStatus awaitReady(String name) {
    return awaitStatus(name, s -> ready(s).map(c -> "True".equals(c.getStatus())).orElse(false)
        && s.observedGeneration() != null && s.observedGeneration().equals(get(name).getMetadata().getGeneration()));
  }

  protected static Optional<Condition> ready(ImageStreamStatus s) {
    return s.condition("Ready");
  }

  protected static NamedTagEventList tag(ImageStreamStatus s, String tag) {
    return s.tag(tag).orElseThrow(() -> new AssertionError("no status tag " + tag + " in " + s));
  }

  protected List<Event> events(String name) {
    return k8s.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  @Test
  void importsDockerImageTagsWithDigestsHistoryAndMetadata() {
    PushedImage image = REGISTRY.pusher().pushOciImage("apps/web", "1.0", Platform.LINUX_AMD64);
    PushedIndex index = REGISTRY.pusher().pushOciIndex("apps/multi", "latest");
    create(Streams.stream(ns, "web").dockerImage("1.0", repo("apps/web:1.0")).dockerImage("multi", repo("apps/multi")).forCreate());

    ImageStreamStatus status = awaitReady("web");
    TagEvent web = tag(status, "1.0").current().orElseThrow();
    assertThat(web.image()).isEqualTo(image.digest());
    assertThat(web.dockerImageReference()).isEqualTo(repo("apps/web") + "@" + image.digest());
    assertThat(web.generation()).isEqualTo(1L);
    TagEvent multi = tag(status, "multi").current().orElseThrow();
    assertThat(multi.image()).as("Legacy mode records the linux/amd64 image").isEqualTo(index.child(Platform.LINUX_AMD64).digest());
    assertThat(tag(status, "multi").sourceDigest()).isEqualTo(index.digest());
    assertThat(status.image(image.digest())).hasValueSatisfying(i -> {
      assertThat(i.dockerImageMetadata().architecture()).isEqualTo("amd64");
      assertThat(i.dockerImageMetadata().config().workingDir()).isEqualTo("/app");
      assertThat(i.dockerImageLayers()).hasSize(2);
    });
    assertThat(status.tagsSummary()).contains("1.0").contains("multi");
    assertThat(ready(status).orElseThrow().getReason()).isEqualTo("Imported");
    assertThat(get("web").getSpec()).as("the operator never writes spec").isEqualTo(
        Streams.stream(ns, "web").dockerImage("1.0", repo("apps/web:1.0")).dockerImage("multi", repo("apps/multi")).build().getSpec());
    await().untilAsserted(() -> assertThat(events("web")).filteredOn(e -> "Imported".equals(e.getReason())).hasSize(2));
  }

  @Test
  void retargetingATagPrependsHistoryAndRemovingATagRemovesItsStatus() {
    PushedImage v1 = REGISTRY.pusher().pushOciImage("apps/api", "v1", Platform.LINUX_AMD64, 1);
    PushedImage v2 = REGISTRY.pusher().pushOciImage("apps/api", "v2", Platform.LINUX_AMD64, 2);
    create(Streams.stream(ns, "api").dockerImage("prod", repo("apps/api:v1")).dockerImage("old", repo("apps/api:v1")).forCreate());
    awaitReady("api");

    ImageStream stream = get("api");
    k8s.resource(Streams.stream(ns, "api").dockerImage("prod", repo("apps/api:v2")).forCreate())
        .update(); // retarget prod, drop old
    ImageStreamStatus status = awaitStatus("api", s -> s.observedGeneration() != null && s.observedGeneration() > stream.getMetadata().getGeneration());
    assertThat(tag(status, "prod").itemList()).extracting(TagEvent::image).containsExactly(v2.digest(), v1.digest());
    assertThat(status.tag("old")).isEmpty();
    assertThat(status.image(v1.digest())).as("metadata only for current images").isEmpty();
  }

  @Test
  void aFailedImportSaysWhyKeepsOtherTagsAndRecoversOnRequest() {
    PushedImage ok = REGISTRY.pusher().pushOciImage("apps/partial", "ok", Platform.LINUX_AMD64);
    create(Streams.stream(ns, "partial").dockerImage("ok", repo("apps/partial:ok")).dockerImage("missing", repo("apps/partial:missing")).forCreate());

    ImageStreamStatus failed = awaitStatus("partial", s -> s.observedGeneration() != null);
    assertThat(tag(failed, "ok").current().orElseThrow().image()).isEqualTo(ok.digest());
    var condition = tag(failed, "missing").importCondition().orElseThrow();
    assertThat(condition.status()).isEqualTo("False");
    assertThat(condition.reason()).isEqualTo("NotFound");
    assertThat(condition.message()).contains("apps/partial:missing").contains("does not exist");
    assertThat(ready(failed).orElseThrow().getStatus()).isEqualTo("False");
    assertThat(ready(failed).orElseThrow().getReason()).isEqualTo("ImportFailed");
    assertThat(ready(failed).orElseThrow().getMessage()).startsWith("1 of 2 tags failed to import: missing: NotFound");
    await().untilAsserted(() -> assertThat(events("partial")).filteredOn(e -> "ImportFailed".equals(e.getReason())).hasSize(1));

    PushedImage now = REGISTRY.pusher().pushOciImage("apps/partial", "missing", Platform.LINUX_AMD64, 5);
    k8s.resources(ImageStream.class).inNamespace(ns).withName("partial")
        .edit(s -> {
          s.getMetadata().setAnnotations(Map.of("imagestreams.dev/import-requested-at", "2026-11-26T10:00:00Z"));
          return s;
        });
    ImageStreamStatus recovered = awaitReady("partial");
    assertThat(tag(recovered, "missing").current().orElseThrow().image()).isEqualTo(now.digest());
    assertThat(tag(recovered, "missing").importCondition()).isEmpty();
    assertThat(recovered.lastHandledImportRequest()).isEqualTo("2026-11-26T10:00:00Z");
  }
}
