package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagestreams.api.v1.ImageLookupPolicy;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamSpec;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagReferencePolicy;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.ImportConfigParser;
import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.operator.OperatorSettings;
import dev.imagestreams.operator.lookup.WebhookSettings;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Image lookup on the real API server, which calls the operator's webhook at a loopback URL with
 * the CA bundle the operator publishes, evaluates the configuration's CEL match conditions and
 * writes each webhook call into its audit log. The operator runs with deploy/rbac.yaml's
 * ServiceAccount and is never denied a request.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubeApiServerImageLookupIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final String MUTATION_ANNOTATION = "mutation.webhook.admission.k8s.io/";

  private RealApiServer api;
  private KubernetesClient admin;
  private ImageStreamOperator operator;
  private int port;
  private PushedImage v1;
  private PushedImage v2;

  @BeforeAll
  void start() throws Exception {
    api = RealApiServer.start();
    admin = api.testClient();
    port = LookupFixture.freePort();
    LookupFixture.install(admin, port);
    v1 = REGISTRY.pusher().pushOciImage("lookup/python", "3.12", Platform.LINUX_AMD64, 71);
    v2 = REGISTRY.pusher().pushOciImage("lookup/python", "3.13", Platform.LINUX_AMD64, 72);
    operator = startOperator(config(""));
  }

  @AfterAll
  void stop() {
    if (operator != null) {
      operator.close();
    }
    if (api != null) {
      api.close();
    }
  }

  private ImageStreamOperator startOperator(ImportConfig config) throws Exception {
    ImageStreamOperator o =
        new ImageStreamOperator(
            OperatorSettings.of(api.client(), RealApiServer.OPERATOR_NAMESPACE)
                .withFixedConfig(config)
                .withWebhook(LookupFixture.settings(port, LookupFixture.builtIn())));
    o.start();
    return o;
  }

  private ImportConfig config(String extra) throws Exception {
    return new ImportConfigParser(n -> Optional.empty())
        .parse(
            "registrySources:\n  insecureRegistries: [\""
                + REGISTRY.host()
                + "\"]\nprivilegedNamespaces: [platform]\n"
                + extra);
  }

  // --- scenarios ---

  @Test
  @Order(1)
  void aLocalNameInANamespaceWhoseStreamHasLocalLookupStoresTheDigest() {
    String ns = namespaceWithStream(true);
    Pod pod = admin.resource(pod(ns, "web", "python:3.12")).create();
    assertThat(image(pod)).isEqualTo(REGISTRY.host() + "/lookup/python@" + v1.digest());
    assertThatThrownBy(() -> admin.resource(pod(ns, "latest", "python")).create())
        .as("latest, which the stream does not have, is refused rather than pulled from Docker Hub")
        .hasMessageContaining("image \"python\" could not be resolved")
        .hasMessageContaining("the stream has no tag latest");
  }

  @Test
  @Order(2)
  void withTheStreamsPolicyOffTheImageStaysAsWritten() {
    String ns = namespaceWithStream(false);
    awaitSent(ns, WebhookSettings.RESOLVE_NAMES);
    Pod pod = admin.resource(pod(ns, "web", "python:3.12")).create();
    assertThat(image(pod)).isEqualTo("python:3.12");
  }

  @Test
  @Order(3)
  void aDeploymentWithResolveNamesGetsItsTemplateRewrittenAndItsReplicaSetsPodsAreSkipped() {
    String ns = namespaceWithStream(false);
    awaitSent(ns, WebhookSettings.RESOLVE_NAMES);
    Deployment d =
        admin
            .resource(
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withNamespace(ns)
                    .withName("web")
                    .endMetadata()
                    .withNewSpec()
                    .withNewSelector()
                    .addToMatchLabels("app", "web")
                    .endSelector()
                    .withTemplate(
                        new PodTemplateSpecBuilder()
                            .withNewMetadata()
                            .addToLabels("app", "web")
                            .addToAnnotations("alpha.image.policy.openshift.io/resolve-names", "*")
                            .endMetadata()
                            .withSpec(spec("python:3.12", "quay.io/other/python:3.13"))
                            .build())
                    .endSpec()
                    .build())
            .create();
    PodSpec template = d.getSpec().getTemplate().getSpec();
    assertThat(template.getContainers())
        .extracting(c -> c.getImage())
        .containsExactly(
            REGISTRY.host() + "/lookup/python@" + v1.digest(),
            REGISTRY.host() + "/lookup/python@" + v2.digest());

    // what the Deployment controller would make: a ReplicaSet and its pods, each owned by a
    // controller, keep their template as it is (here a name that would otherwise resolve)
    ReplicaSet rs =
        admin
            .resource(
                new ReplicaSetBuilder()
                    .withMetadata(owned(ns, "web-1", "Deployment", "web", d.getMetadata().getUid()))
                    .withNewSpec()
                    .withNewSelector()
                    .addToMatchLabels("app", "web")
                    .endSelector()
                    .withTemplate(
                        new PodTemplateSpecBuilder()
                            .withNewMetadata()
                            .addToLabels("app", "web")
                            .addToAnnotations("alpha.image.policy.openshift.io/resolve-names", "*")
                            .endMetadata()
                            .withSpec(spec("python:3.12"))
                            .build())
                    .endSpec()
                    .build())
            .create();
    assertThat(rs.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("python:3.12");
    Pod owned =
        admin
            .resource(
                new PodBuilder()
                    .withMetadata(
                        owned(ns, "web-1-x", "ReplicaSet", "web-1", rs.getMetadata().getUid()))
                    .editMetadata()
                    .addToAnnotations("alpha.image.policy.openshift.io/resolve-names", "*")
                    .endMetadata()
                    .withSpec(spec("python:3.12"))
                    .build())
            .create();
    assertThat(image(owned)).isEqualTo("python:3.12");
    assertThat(webhookCalls("pods", ns, "web-1-x")).as("never sent to the webhook").isZero();
    assertThat(webhookCalls("deployments", ns, "web")).isEqualTo(1);
  }

  @Test
  @Order(4)
  void aFullyQualifiedNameWithTheAnnotationResolvesToTheStreamsTag() {
    String ns = namespaceWithStream(false);
    awaitSent(ns, WebhookSettings.RESOLVE_NAMES);
    Pod pod = pod(ns, "web", "quay.io/org/python:3.12");
    pod.getMetadata().setAnnotations(Map.of("alpha.image.policy.openshift.io/resolve-names", "*"));
    assertThat(image(admin.resource(pod).create()))
        .isEqualTo(REGISTRY.host() + "/lookup/python@" + v1.digest());
  }

  @Test
  @Order(5)
  void aDigestReferenceIsUntouchedAndFullyQualifiedPodsAreNeverSent() {
    String ns = namespaceWithStream(true);
    String digest = "python@" + v2.digest();
    assertThat(image(admin.resource(pod(ns, "digest", digest)).create())).isEqualTo(digest);
    String qualified = "quay.io/org/python:3.12";
    assertThat(image(admin.resource(pod(ns, "qualified", qualified)).create()))
        .isEqualTo(qualified);
    assertThat(webhookCalls("pods", ns, "digest")).isZero();
    assertThat(webhookCalls("pods", ns, "qualified")).isZero();
  }

  @Test
  @Order(6)
  void aTagWithoutAnImageIsRefusedSayingWhichImageAndWhy() {
    String ns = namespaceWithStream(true);
    assertThatThrownBy(() -> admin.resource(pod(ns, "web", "python:3.11")).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(
            "admission webhook \"local-names.image-lookup.imagestreams.dev\" denied the request:"
                + " container \"app\": image \"python:3.11\" could not be resolved: ImageStream "
                + ns
                + "/python resolves local names (lookupPolicy.local), but tag 3.11 has no image:"
                + " the stream has no tag 3.11 (refused rather than pulled from docker.io)");
  }

  @Test
  @Order(7)
  void aJobUpdateIsNeverResolved() {
    String ns = namespace(Map.of());
    Job job =
        admin
            .resource(
                new JobBuilder()
                    .withNewMetadata()
                    .withNamespace(ns)
                    .withName("once")
                    .endMetadata()
                    .withNewSpec()
                    .withNewTemplate()
                    .withSpec(spec("python:3.12"))
                    .editSpec()
                    .withRestartPolicy("Never")
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build())
            .create();
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .as("no stream yet")
        .isEqualTo("python:3.12");
    stream(ns, true);
    awaitSent(ns, WebhookSettings.LOCAL_NAMES);
    Job updated =
        admin
            .batch()
            .v1()
            .jobs()
            .inNamespace(ns)
            .withName("once")
            .edit(
                j -> {
                  j.getMetadata().setLabels(Map.of("touched", "yes"));
                  return j;
                });
    assertThat(updated.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("python:3.12");
    assertThat(webhookCalls("jobs", ns, "once")).isZero();
    // the same object as a Pod is resolved: the namespace is sent
    assertThat(image(admin.resource(pod(ns, "web", "python:3.12")).create()))
        .isEqualTo(REGISTRY.host() + "/lookup/python@" + v1.digest());
  }

  @Test
  @Order(8)
  void privilegedNamespacesAreNeverSentToTheWebhook() {
    ensureNamespace("default", Map.of());
    ensureNamespace("platform", Map.of());
    String runLevel = namespace(Map.of("openshift.io/run-level", "1"));
    for (String ns : List.of("default", "platform", runLevel)) {
      stream(ns, true);
    }
    // a namespace with the same stream that is sent, to know the operator has seen the streams
    String sent = namespaceWithStream(true);
    assertThat(LookupFixture.namespaces(admin, WebhookSettings.LOCAL_NAMES))
        .as("listed by name: the run-level label excludes the third through the selector")
        .doesNotContain("default", "platform");
    for (String ns : List.of("default", "platform", runLevel)) {
      Pod pod = pod(ns, "privileged", "python:3.12");
      pod.getMetadata()
          .setAnnotations(Map.of("alpha.image.policy.openshift.io/resolve-names", "*"));
      assertThat(image(admin.resource(pod).create())).isEqualTo("python:3.12");
      assertThat(webhookCalls("pods", ns, "privileged")).as(ns).isZero();
    }
    admin.resource(pod(sent, "control", "python:3.12")).create();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(webhookCalls("pods", sent, "control")).isEqualTo(1));
  }

  @Test
  @Order(9)
  void referencePoliciesAndAMissingTagWithARepository() throws Exception {
    operator.apply(config("internalRegistryHostname: registry.local:5000\n"));
    try {
      String ns = namespace(Map.of());
      ImageStream s = new ImageStream();
      s.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("app").build());
      s.setSpec(
          new ImageStreamSpec(
              new ImageLookupPolicy(true),
              null,
              List.of(
                  tag("src", REGISTRY.host() + "/lookup/python:3.12", "Source"),
                  tag("loc", REGISTRY.host() + "/lookup/python:3.13", "Local"))));
      admin.resource(s).create();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                ImageStream live =
                    admin.resources(ImageStream.class).inNamespace(ns).withName("app").get();
                return live.getStatus() != null
                    && ("registry.local:5000/" + ns + "/app")
                        .equals(live.getStatus().dockerImageRepository())
                    && live.getStatus().tag("loc").flatMap(t -> t.current()).isPresent()
                    && live.getStatus().tag("src").flatMap(t -> t.current()).isPresent();
              });
      awaitSent(ns, WebhookSettings.LOCAL_NAMES);
      assertThat(image(admin.resource(pod(ns, "src", "app:src")).create()))
          .as("Source: the repository the stream recorded, by digest")
          .isEqualTo(REGISTRY.host() + "/lookup/python@" + v1.digest());
      assertThat(image(admin.resource(pod(ns, "loc", "app:loc")).create()))
          .as("Local: status.dockerImageRepository, by digest")
          .isEqualTo("registry.local:5000/" + ns + "/app@" + v2.digest());
      assertThat(image(admin.resource(pod(ns, "missing", "app:9")).create()))
          .as("a missing tag of a stream with a repository: the repository's tag")
          .isEqualTo("registry.local:5000/" + ns + "/app:9");
    } finally {
      operator.apply(config(""));
    }
  }

  @Test
  @Order(10)
  void anInstallThatResetsTheSelectorIsUndoneAtOnce() {
    String ns = namespaceWithStream(true);
    // as kubectl apply --server-side --force-conflicts of deploy/ would: the selector matches
    // nothing again, until the operator, watching the object, applies its own once more
    LookupFixture.install(admin, port);
    awaitSent(ns, WebhookSettings.LOCAL_NAMES);
    assertThat(image(admin.resource(pod(ns, "web", "python:3.12")).create()))
        .isEqualTo(REGISTRY.host() + "/lookup/python@" + v1.digest());
  }

  @Test
  @Order(20)
  void withTheOperatorStoppedOnlyLocalNamesOfLookupNamespacesAreRefused() throws Exception {
    String lookup = namespaceWithStream(true);
    String elsewhere = namespace(Map.of());
    operator.close();
    operator = null;
    try {
      assertThat(image(admin.resource(pod(elsewhere, "web", "python:3.12")).create()))
          .as("a namespace without streams: admitted, as written")
          .isEqualTo("python:3.12");
      assertThat(
              image(admin.resource(pod(lookup, "qualified", "quay.io/org/python:3.12")).create()))
          .as("a fully qualified image: admitted")
          .isEqualTo("quay.io/org/python:3.12");
      Pod owned =
          new PodBuilder()
              .withMetadata(owned(lookup, "rs-x", "ReplicaSet", "rs", "0000-1111"))
              .withSpec(spec("python:3.12"))
              .build();
      assertThat(image(admin.resource(owned).create()))
          .as("a controller's pod: admitted")
          .isEqualTo("python:3.12");
      assertThatThrownBy(() -> admin.resource(pod(lookup, "web", "python:3.12")).create())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining(
              "failed calling webhook \"local-names.image-lookup.imagestreams.dev\"");
    } finally {
      operator = startOperator(config(""));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(image(admin.resource(pod(lookup, "again", "python:3.12")).create()))
                    .isEqualTo(REGISTRY.host() + "/lookup/python@" + v1.digest()));
  }

  // --- helpers ---

  private String namespaceWithStream(boolean local) {
    String ns = namespace(Map.of());
    stream(ns, local);
    if (local) {
      awaitSent(ns, WebhookSettings.LOCAL_NAMES);
    }
    return ns;
  }

  private void stream(String ns, boolean local) {
    ImageStream s = new ImageStream();
    s.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("python").build());
    s.setSpec(
        new ImageStreamSpec(
            new ImageLookupPolicy(local),
            null,
            List.of(
                tag("3.12", REGISTRY.host() + "/lookup/python:3.12", null),
                tag("3.13", REGISTRY.host() + "/lookup/python:3.13", null))));
    admin.resource(s).create();
    if (!ns.equals("default") && !ns.equals("platform") && !ns.startsWith("lookup-rl")) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  Optional.ofNullable(
                          admin
                              .resources(ImageStream.class)
                              .inNamespace(ns)
                              .withName("python")
                              .get())
                      .map(ImageStream::getStatus)
                      .flatMap(st -> st.tag("3.13"))
                      .flatMap(t -> t.current())
                      .isPresent());
    }
  }

  static TagReference tag(String name, String from, String policy) {
    return new TagReference(
        name,
        null,
        TagSource.of("DockerImage", from, null),
        null,
        null,
        null,
        policy == null ? null : new TagReferencePolicy(policy));
  }

  private void awaitSent(String ns, String webhook) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> LookupFixture.namespaces(admin, webhook).contains(ns));
  }

  private String namespace(Map<String, String> labels) {
    String ns =
        (labels.containsKey("openshift.io/run-level") ? "lookup-rl-" : "lookup-")
            + NAMESPACES.incrementAndGet();
    ensureNamespace(ns, labels);
    return ns;
  }

  private void ensureNamespace(String ns, Map<String, String> labels) {
    if (admin.namespaces().withName(ns).get() == null) {
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(ns)
                  .withLabels(labels)
                  .endMetadata()
                  .build())
          .create();
    }
  }

  static Pod pod(String ns, String name, String image) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .endMetadata()
        .withSpec(spec(image))
        .build();
  }

  static PodSpec spec(String... images) {
    PodSpecBuilder b = new PodSpecBuilder();
    for (int i = 0; i < images.length; i++) {
      b.addNewContainer().withName(i == 0 ? "app" : "app" + i).withImage(images[i]).endContainer();
    }
    return b.build();
  }

  private static io.fabric8.kubernetes.api.model.ObjectMeta owned(
      String ns, String name, String kind, String owner, String uid) {
    return new ObjectMetaBuilder()
        .withNamespace(ns)
        .withName(name)
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(kind.equals("Deployment") ? "apps/v1" : "apps/v1")
                .withKind(kind)
                .withName(owner)
                .withUid(uid)
                .withController(true)
                .build())
        .build();
  }

  static String image(Pod pod) {
    return pod.getSpec().getContainers().get(0).getImage();
  }

  /**
   * How many webhook calls the API server's audit log records for the create or update of an object
   * (the {@code mutation.webhook.admission.k8s.io} annotations of its events).
   */
  private long webhookCalls(String resource, String ns, String name) {
    return api.controlPlane().auditEvents().stream()
        .filter(e -> resource.equals(e.path("objectRef").path("resource").asText()))
        .filter(e -> ns.equals(e.path("objectRef").path("namespace").asText()))
        .filter(e -> name.equals(e.path("objectRef").path("name").asText()))
        .filter(e -> e.path("objectRef").path("subresource").isMissingNode())
        .mapToLong(KubeApiServerImageLookupIT::calls)
        .sum();
  }

  private static long calls(JsonNode event) {
    long n = 0;
    for (var it = event.path("annotations").fieldNames(); it.hasNext(); ) {
      if (it.next().startsWith(MUTATION_ANNOTATION)) {
        n++;
      }
    }
    return n;
  }

  @org.junit.jupiter.api.AfterEach
  void noRequestDenied() {
    assertThat(api.deniedRequests()).as("requests denied the operator").isEmpty();
  }

  static List<HasMetadata> unused() {
    return List.of();
  }
}
