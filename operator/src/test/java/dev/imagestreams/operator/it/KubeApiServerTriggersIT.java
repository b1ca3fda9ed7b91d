package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagReferencePolicy;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.ImportConfigParser;
import dev.imagestreams.engine.planning.ReferenceGrant;
import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.operator.OperatorSettings;
import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.Kubectl;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Image change triggers on a real kube-apiserver (which stores workloads without a controller
 * manager, which is all a trigger needs): the annotation as OpenShift exports it and as OpenShift
 * Helm charts write it, the four kinds, every selector, the reference policies, tracking tags,
 * rollbacks put back, problems reported once, cross-namespace grants, privileged namespaces, and
 * writes only where an image string changes. The operator runs as deploy/rbac.yaml's
 * ServiceAccount; any request denied fails the test.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
class KubeApiServerTriggersIT extends OperatorTestBase {
  static final String INTERNAL = "image-registry.internal.svc:5000";
  static final String WEB = "spec.template.spec.containers[?(@.name==\\\"web\\\")].image";

  @Override
  protected ApiServer startApiServer() {
    return RealApiServer.start();
  }

  @Override
  protected ImportConfig config() throws Exception {
    return new ImportConfigParser(n -> Optional.empty())
        .parse(
            "registrySources:\n  insecureRegistries: [\""
                + REGISTRY.host()
                + "\"]\n"
                + "internalRegistryHostname: "
                + INTERNAL
                + "\n"
                + "imageImport:\n  scheduledImageImportMinimumIntervalSeconds: 2\n"
                + "  maxScheduledImageImportsPerMinute: -1\n");
  }

  private Kubectl kubectl() {
    return new Kubectl(((RealApiServer) api).controlPlane());
  }

  /** A Deployment as {@code oc new-app} exports it, with the given triggers and containers. */
  private Deployment deploymentObject(String name, String triggers, String... containers) {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: %s
              namespace: %s
              annotations:
                image.openshift.io/triggers: '%s'
            spec:
              selector: {matchLabels: {app: %s}}
              template:
                metadata: {labels: {app: %s}}
                spec:
                  containers:
            """
                .formatted(name, ns, triggers, name, name));
    for (String c : containers) {
      yaml.append("      - {name: %s, image: \" \"}\n".formatted(c));
    }
    return Serialization.unmarshal(yaml.toString(), Deployment.class);
  }

  /** {@link #deploymentObject}, created. */
  private Deployment deployment(String name, String triggers, String... containers) {
    return k8s.resource(deploymentObject(name, triggers, containers)).create();
  }

  private static String trigger(String streamTag, String fieldPath) {
    return "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\""
        + streamTag
        + "\"},\"fieldPath\":\""
        + fieldPath
        + "\"}]";
  }

  private Deployment getDeployment(String name) {
    return k8s.apps().deployments().inNamespace(ns).withName(name).get();
  }

  private static String image(Deployment d, int container) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(container).getImage();
  }

  private String awaitImage(String name, int container, String expected) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> image(getDeployment(name), container), expected::equals);
  }

  private PushedImage push(String repository, String tag, int revision) {
    return REGISTRY.pusher().pushOciImage(repository, tag, Platform.LINUX_AMD64, revision);
  }

  private String pullSpec(String repository, PushedImage image) {
    return repo(repository) + "@" + image.digest();
  }

  private List<Event> eventsFor(String name, String reason) {
    return events(name).stream().filter(e -> reason.equals(e.getReason())).toList();
  }

  @Test
  void aDeploymentFromAnOpenShiftExportFollowsItsTagAndRollsWhenTheTagMoves() {
    PushedImage one = push("trig/app", "v", 1);
    create(Streams.stream(ns, "app").dockerImage("latest", repo("trig/app:v")).forCreate());
    // oc new-app's export, with an unknown key some public manifests carry
    deployment(
        "web",
        "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"app:latest\"},\"fieldPath\":\""
            + WEB
            + "\",\"pause\":\"false\"}]",
        "web",
        "sidecar");

    awaitImage("web", 0, pullSpec("trig/app", one));
    assertThat(image(getDeployment("web"), 1)).as("the container no trigger names").isEqualTo(" ");
    await()
        .untilAsserted(
            () ->
                assertThat(eventsFor("web", "ImageTriggered"))
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.getType()).isEqualTo("Normal");
                          assertThat(e.getInvolvedObject().getKind()).isEqualTo("Deployment");
                          assertThat(e.getMessage())
                              .isEqualTo(
                                  "container web: image   -> "
                                      + pullSpec("trig/app", one)
                                      + " (ImageStreamTag "
                                      + ns
                                      + "/app:latest)");
                        }));

    PushedImage two = push("trig/app", "v", 2);
    k8s.resources(ImageStream.class)
        .inNamespace(ns)
        .withName("app")
        .edit(
            s -> {
              s.getMetadata().setAnnotations(Map.of("imagestreams.dev/import-requested-at", "now"));
              return s;
            });
    awaitImage("web", 0, pullSpec("trig/app", two));
  }

  @Test
  void aNewDigestOnAScheduledTagRollsExactlyTheWorkloadsThatFollowItOnceEach() {
    PushedImage one = push("trig/sched", "v", 3);
    PushedImage other = push("trig/other", "v", 4);
    create(Streams.stream(ns, "sched").scheduled("v", repo("trig/sched:v")).forCreate());
    create(Streams.stream(ns, "other").dockerImage("v", repo("trig/other:v")).forCreate());
    deployment("a", trigger("sched:v", WEB), "web");
    deployment("b", trigger("sched:v", WEB), "web");
    deployment("c", trigger("other:v", WEB), "web");
    awaitImage("a", 0, pullSpec("trig/sched", one));
    awaitImage("b", 0, pullSpec("trig/sched", one));
    awaitImage("c", 0, pullSpec("trig/other", other));
    String unchanged = getDeployment("c").getMetadata().getResourceVersion();
    api.requests().clear();

    PushedImage two = push("trig/sched", "v", 5);

    awaitImage("a", 0, pullSpec("trig/sched", two));
    awaitImage("b", 0, pullSpec("trig/sched", two));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(api.requests().writes("/deployments/"))
                    .as("one patch each")
                    .isEqualTo(2));
    assertThat(getDeployment("c").getMetadata().getResourceVersion())
        .as("the workload following another stream is not written")
        .isEqualTo(unchanged);
  }

  @Test
  void everyKindInitContainersIndexAndNameSelectorsAndTheCronJobPath() {
    PushedImage app = push("trig/kinds", "v", 6);
    create(Streams.stream(ns, "kinds").dockerImage("v", repo("trig/kinds:v")).forCreate());
    String want = pullSpec("trig/kinds", app);
    String annotation =
        "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"kinds:v\"},"
            + "\"fieldPath\":\"%s.containers[1].image\"},"
            + "{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"kinds:v\"},"
            + "\"fieldPath\":\"%s.initContainers[?(@.name==\\\"setup\\\")].image\"}]";
    String pod =
        String.join(
            "\n",
            "%s  initContainers: [{name: setup, image: \" \"}]",
            "%s  containers: [{name: main, image: \" \"}, {name: second, image: \" \"}]",
            "");
    String template = "spec.template.spec";
    for (String kind : List.of("StatefulSet", "DaemonSet")) {
      String yaml =
          String.join(
                  "\n",
                  "apiVersion: apps/v1",
                  "kind: " + kind,
                  "metadata:",
                  "  name: " + kind.toLowerCase(java.util.Locale.ROOT),
                  "  namespace: " + ns,
                  "  annotations:",
                  "    image.openshift.io/triggers: '"
                      + annotation.formatted(template, template)
                      + "'",
                  "spec:",
                  kind.equals("StatefulSet") ? "  serviceName: sts" : "  minReadySeconds: 0",
                  "  selector: {matchLabels: {app: x}}",
                  "  template:",
                  "    metadata: {labels: {app: x}}",
                  "    spec:",
                  "")
              + pod.formatted("    ", "    ");
      k8s.resource(Serialization.unmarshal(yaml, HasMetadata.class)).create();
    }
    String jobPath = "spec.jobTemplate.spec.template.spec";
    String cron =
        String.join(
                "\n",
                "apiVersion: batch/v1",
                "kind: CronJob",
                "metadata:",
                "  name: cron",
                "  namespace: " + ns,
                "  annotations:",
                "    image.openshift.io/triggers: '" + annotation.formatted(jobPath, jobPath) + "'",
                "spec:",
                "  schedule: \"*/5 * * * *\"",
                "  jobTemplate:",
                "    spec:",
                "      template:",
                "        spec:",
                "          restartPolicy: Never",
                "")
            + pod.formatted("        ", "        ");
    k8s.resource(Serialization.unmarshal(cron, CronJob.class)).create();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (var spec :
                  List.of(
                      k8s.apps()
                          .statefulSets()
                          .inNamespace(ns)
                          .withName("statefulset")
                          .get()
                          .getSpec()
                          .getTemplate()
                          .getSpec(),
                      k8s.apps()
                          .daemonSets()
                          .inNamespace(ns)
                          .withName("daemonset")
                          .get()
                          .getSpec()
                          .getTemplate()
                          .getSpec(),
                      k8s.batch()
                          .v1()
                          .cronjobs()
                          .inNamespace(ns)
                          .withName("cron")
                          .get()
                          .getSpec()
                          .getJobTemplate()
                          .getSpec()
                          .getTemplate()
                          .getSpec())) {
                assertThat(spec.getContainers().get(0).getImage()).isEqualTo(" ");
                assertThat(spec.getContainers().get(1).getImage()).isEqualTo(want);
                assertThat(spec.getInitContainers().get(0).getImage()).isEqualTo(want);
              }
            });
  }

  @Test
  void setImageAndRolloutUndoArePutBackAtOnce() {
    PushedImage one = push("trig/undo", "v", 7);
    create(Streams.stream(ns, "undo").dockerImage("v", repo("trig/undo:v")).forCreate());
    deployment("undo", trigger("undo:v", WEB), "web");
    awaitImage("undo", 0, pullSpec("trig/undo", one));

    kubectl().run("-n", ns, "set", "image", "deployment/undo", "web=busybox:1").ok();
    awaitImage("undo", 0, pullSpec("trig/undo", one));

    // rollout undo copies an older ReplicaSet's template and annotations back; without a
    // controller manager the test writes that ReplicaSet (revision 1, an older image, the
    // Deployment's annotations) as the Deployment controller would
    Deployment d = getDeployment("undo");
    String triggers = d.getMetadata().getAnnotations().get("image.openshift.io/triggers");
    ReplicaSet old =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName("undo-1")
            .withNamespace(ns)
            .withAnnotations(
                Map.of(
                    "deployment.kubernetes.io/revision",
                    "1",
                    "image.openshift.io/triggers",
                    triggers))
            .withLabels(Map.of("app", "undo", "pod-template-hash", "1"))
            .addNewOwnerReference()
            .withApiVersion("apps/v1")
            .withKind("Deployment")
            .withName("undo")
            .withUid(d.getMetadata().getUid())
            .withController(true)
            .endOwnerReference()
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .withMatchLabels(Map.of("app", "undo", "pod-template-hash", "1"))
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(Map.of("app", "undo", "pod-template-hash", "1"))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("web")
            .withImage("busybox:old")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    k8s.resource(old).create();
    api.requests().clear();
    assertThat(
            kubectl().run("-n", ns, "rollout", "undo", "deployment/undo", "--to-revision=1").ok())
        .contains("rolled back");
    awaitImage("undo", 0, pullSpec("trig/undo", one));
    assertThat(api.requests().writes("/deployments/undo")).isEqualTo(1);
  }

  @Test
  void jobsAndPodsAreNotWatched() {
    push("trig/jobs", "v", 22);
    create(Streams.stream(ns, "batch").dockerImage("v", repo("trig/jobs:v")).forCreate());
    awaitReady("batch");
    String annotation = trigger("batch:v", "spec.template.spec.containers[0].image");
    k8s.resource(
            Serialization.unmarshal(
                String.join(
                    "\n",
                    "apiVersion: batch/v1",
                    "kind: Job",
                    "metadata: {name: job, namespace: "
                        + ns
                        + ", annotations: {image.openshift.io/triggers: '"
                        + annotation
                        + "'}}",
                    "spec:",
                    "  suspend: true",
                    "  template:",
                    "    spec:",
                    "      restartPolicy: Never",
                    "      containers: [{name: main, image: \" \"}]",
                    ""),
                io.fabric8.kubernetes.api.model.batch.v1.Job.class))
        .create();

    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(6))
        .untilAsserted(
            () -> {
              assertThat(
                      k8s.batch()
                          .v1()
                          .jobs()
                          .inNamespace(ns)
                          .withName("job")
                          .get()
                          .getSpec()
                          .getTemplate()
                          .getSpec()
                          .getContainers()
                          .get(0)
                          .getImage())
                  .isEqualTo(" ");
              assertThat(events("job")).isEmpty();
            });
    assertThat(api.requests().all())
        .as("no informer, no request on Jobs or Pods (CronJobs are watched)")
        .noneMatch(r -> r.path().matches(".*/(jobs|pods)(/.*)?"));
  }

  @Test
  void aTagTrackingAnotherTagAReferenceTagAndTheLocalPolicy() {
    PushedImage one = push("trig/track", "v", 8);
    create(
        Streams.stream(ns, "track")
            .dockerImage("v", repo("trig/track:v"))
            .streamTag("latest", "v")
            .tag(
                new TagReference(
                    "ref",
                    null,
                    TagSource.of(TagSource.DOCKER_IMAGE, "quay.io/org/app:1", null),
                    true,
                    null,
                    null,
                    null))
            .tag(
                new TagReference(
                    "local",
                    null,
                    TagSource.of(TagSource.DOCKER_IMAGE, repo("trig/track:v"), null),
                    null,
                    null,
                    null,
                    new TagReferencePolicy("Local")))
            .forCreate());
    deployment(
        "track",
        "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"track:latest\"},\"fieldPath\":\"spec.template.spec.containers[0].image\"},"
            + "{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"track:ref\"},\"fieldPath\":\"spec.template.spec.containers[1].image\"},"
            + "{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"track:local\"},\"fieldPath\":\"spec.template.spec.containers[2].image\"}]",
        "tracking",
        "reference",
        "local");

    awaitImage("track", 0, pullSpec("trig/track", one));
    awaitImage("track", 1, "quay.io/org/app:1");
    awaitImage("track", 2, INTERNAL + "/" + ns + "/track@" + one.digest());

    PushedImage two = push("trig/track", "v", 9);
    k8s.resources(ImageStream.class)
        .inNamespace(ns)
        .withName("track")
        .edit(
            s -> {
              s.getMetadata()
                  .setAnnotations(Map.of("imagestreams.dev/import-requested-at", "again"));
              return s;
            });
    awaitImage("track", 0, pullSpec("trig/track", two));
    awaitImage("track", 2, INTERNAL + "/" + ns + "/track@" + two.digest());
  }

  @Test
  void aStreamDeletedAndRecreatedIsFollowedAgain() {
    PushedImage one = push("trig/gone", "v", 10);
    PushedImage two = push("trig/gone2", "v", 11);
    create(Streams.stream(ns, "gone").dockerImage("v", repo("trig/gone:v")).forCreate());
    deployment("gone", trigger("gone:v", WEB), "web");
    awaitImage("gone", 0, pullSpec("trig/gone", one));

    k8s.resources(ImageStream.class).inNamespace(ns).withName("gone").delete();
    await()
        .untilAsserted(
            () ->
                assertThat(eventsFor("gone", "TriggerStreamNotFound"))
                    .singleElement()
                    .satisfies(
                        e ->
                            assertThat(e.getMessage())
                                .contains(
                                    "follows ImageStream " + ns + "/gone, which does not exist")));
    assertThat(image(getDeployment("gone"), 0)).as("kept").isEqualTo(pullSpec("trig/gone", one));

    create(Streams.stream(ns, "gone").dockerImage("v", repo("trig/gone2:v")).forCreate());
    awaitImage("gone", 0, pullSpec("trig/gone2", two));
  }

  @Test
  void everyProblemIsAWarningEventOnceAndNothingIsWritten() {
    push("trig/probs", "v", 12);
    create(Streams.stream(ns, "probs").dockerImage("v", repo("trig/probs:v")).forCreate());
    awaitReady("probs");
    Map<String, String> cases =
        Map.of(
            "bad-json",
            "[{\"from\":",
            "wrong-type",
            "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"probs:v\"},\"fieldPath\":\""
                + WEB
                + "\",\"paused\":\"false\"}]",
            "duplicate",
            "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"probs:v\"},\"fieldPath\":\""
                + WEB
                + "\"},{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"probs:v\"},\"fieldPath\":\""
                + WEB
                + "\"}]",
            "no-container",
            trigger("probs:v", "spec.template.spec.containers[?(@.name==\\\"nope\\\")].image"),
            "single-quoted",
            trigger("probs:v", "spec.template.spec.containers[?(@.name==''web'')].image"),
            "unknown-stream",
            trigger("nope:v", WEB),
            "unknown-tag",
            trigger("probs:nope", WEB),
            "other-kind",
            "[{\"from\":{\"kind\":\"DockerImage\",\"name\":\"probs:v\"},\"fieldPath\":\""
                + WEB
                + "\"}]");
    Map<String, String> reasons =
        Map.of(
            "bad-json", "InvalidImageTriggers",
            "wrong-type", "InvalidImageTriggers",
            "duplicate", "InvalidImageTriggers",
            "no-container", "TriggerContainerNotFound",
            "single-quoted", "TriggerContainerNotFound",
            "unknown-stream", "TriggerStreamNotFound",
            "unknown-tag", "TriggerTagNotFound",
            "other-kind", "UnsupportedTriggerSource");
    cases.forEach((name, annotation) -> deployment(name, annotation, "web"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                reasons.forEach(
                    (name, reason) ->
                        assertThat(events(name))
                            .as(name)
                            .singleElement()
                            .satisfies(
                                e -> {
                                  assertThat(e.getType()).isEqualTo("Warning");
                                  assertThat(e.getReason()).isEqualTo(reason);
                                })));
    assertThat(metric("imagestream.trigger.problems")).isGreaterThanOrEqualTo(8);

    // a later change of the same workload does not repeat the Event
    kubectl().run("-n", ns, "label", "deployment/no-container", "touched=yes").ok();
    kubectl().run("-n", ns, "set", "image", "deployment/no-container", "web=busybox:2").ok();
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(events("no-container")).hasSize(1));
    cases
        .keySet()
        .forEach(n -> assertThat(image(getDeployment(n), 0)).as(n).isIn(" ", "busybox:2"));
  }

  @Test
  void aCrossNamespaceTriggerNeedsTheSourceStreamsGrant() {
    String shared = ns + "-shared";
    ensureNamespace(shared, Map.of());
    PushedImage one = push("trig/shared", "v", 13);
    create(Streams.stream(shared, "base").dockerImage("v", repo("trig/shared:v")).forCreate());
    deployment(
        "cross",
        "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"base:v\",\"namespace\":\""
            + shared
            + "\"},\"fieldPath\":\""
            + WEB
            + "\"}]",
        "web");
    await()
        .untilAsserted(
            () ->
                assertThat(eventsFor("cross", "TriggerReferenceRefused"))
                    .singleElement()
                    .satisfies(
                        e ->
                            assertThat(e.getMessage())
                                .contains(
                                    "its owner can grant them with the annotation "
                                        + ReferenceGrant.ANNOTATION)));
    assertThat(image(getDeployment("cross"), 0)).isEqualTo(" ");

    k8s.resources(ImageStream.class)
        .inNamespace(shared)
        .withName("base")
        .edit(
            s -> {
              s.getMetadata().setAnnotations(Map.of(ReferenceGrant.ANNOTATION, ns));
              return s;
            });
    awaitImage("cross", 0, pullSpec("trig/shared", one));
  }

  @Test
  void workloadsInPrivilegedNamespacesAreNeverWritten() {
    String privileged = ns + "-system";
    ensureNamespace(privileged, Map.of("openshift.io/run-level", "1"));
    String outer = ns;
    ns = privileged;
    try {
      create(Streams.stream(privileged, "app").dockerImage("v", repo("trig/priv:v")).forCreate());
      deployment("priv", trigger("app:v", WEB), "web");
      await()
          .untilAsserted(
              () ->
                  assertThat(eventsFor("priv", "PrivilegedNamespace"))
                      .singleElement()
                      .satisfies(
                          e ->
                              assertThat(e.getMessage())
                                  .contains("does not write triggered images")));
      assertThat(api.requests().writes(privileged + "/deployments")).isZero();
    } finally {
      ns = outer;
    }
  }

  @Test
  void pausedTriggersWaitAndAPausedDeploymentIsStillWritten() {
    PushedImage one = push("trig/paused", "v", 14);
    create(Streams.stream(ns, "paused").dockerImage("v", repo("trig/paused:v")).forCreate());
    awaitReady("paused");
    deployment(
        "held",
        "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"paused:v\"},\"fieldPath\":\""
            + WEB
            + "\",\"paused\":true}]",
        "web");
    Deployment paused = deploymentObject("rolled-later", trigger("paused:v", WEB), "web");
    paused.getSpec().setPaused(true);
    k8s.resource(paused).create();
    awaitImage("rolled-later", 0, pullSpec("trig/paused", one));
    assertThat(getDeployment("rolled-later").getSpec().getPaused())
        .as("the rollout waits for the Deployment to be resumed")
        .isTrue();

    assertThat(image(getDeployment("held"), 0)).isEqualTo(" ");
    kubectl()
        .run(
            "-n",
            ns,
            "annotate",
            "--overwrite",
            "deployment/held",
            "image.openshift.io/triggers=" + trigger("paused:v", WEB))
        .ok();
    awaitImage("held", 0, pullSpec("trig/paused", one));
  }

  @Test
  void theTriggerOwnsOnlyTheImageFieldsItWrote() {
    PushedImage one = push("trig/owner", "v", 15);
    create(Streams.stream(ns, "owner").dockerImage("v", repo("trig/owner:v")).forCreate());
    deployment("owner", trigger("owner:v", WEB), "web", "sidecar");
    awaitImage("owner", 0, pullSpec("trig/owner", one));

    List<ManagedFieldsEntry> managed = getDeployment("owner").getMetadata().getManagedFields();
    assertThat(managed)
        .filteredOn(m -> "imagestream-triggers".equals(m.getManager()))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getOperation()).isEqualTo("Update");
              assertThat(Serialization.asJson(m.getFieldsV1().getAdditionalProperties()))
                  .isEqualTo(
                      "{\"f:spec\":{\"f:template\":{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"web\\\"}\":{\"f:image\":{}}}}}}}");
            });
  }

  @Test
  void theAnnotationOfAnOpenShiftHelmChartWorksUnchanged() {
    PushedImage one = push("trig/chart", "v", 16);
    create(Streams.stream(ns, "chart").dockerImage("1.0", repo("trig/chart:v")).forCreate());
    // as the charts of OpenShift's Helm catalogue render it: a block scalar, fieldPath first, an
    // index selector
    String yaml =
        String.join(
            "\n",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            "  name: chart",
            "  namespace: " + ns,
            "  labels: {app.kubernetes.io/name: chart}",
            "  annotations:",
            "    image.openshift.io/triggers: |-",
            "      [",
            "        {",
            "          \"fieldPath\": \"spec.template.spec.containers[0].image\",",
            "          \"from\": {",
            "            \"kind\": \"ImageStreamTag\",",
            "            \"name\": \"chart:1.0\"",
            "          }",
            "        }",
            "      ]",
            "spec:",
            "  selector: {matchLabels: {app.kubernetes.io/name: chart}}",
            "  template:",
            "    metadata: {labels: {app.kubernetes.io/name: chart}}",
            "    spec:",
            "      containers:",
            "      - name: chart",
            "        image: chart:1.0",
            "        ports: [{containerPort: 8080}]",
            "");
    k8s.resource(Serialization.unmarshal(yaml, Deployment.class)).create();

    awaitImage("chart", 0, pullSpec("trig/chart", one));
  }

  @Test
  void aRestartWithEverythingCurrentWritesNothing() throws Exception {
    push("trig/restart", "v", 17);
    create(Streams.stream(ns, "restart").dockerImage("v", repo("trig/restart:v")).forCreate());
    PushedImage one = push("trig/restart", "v", 17);
    for (String name : List.of("r1", "r2", "r3")) {
      deployment(name, trigger("restart:v", WEB), "web");
    }
    for (String name : List.of("r1", "r2", "r3")) {
      awaitImage(name, 0, pullSpec("trig/restart", one));
    }
    long triggered =
        k8s.apps().deployments().inAnyNamespace().list().getItems().stream()
            .filter(d -> d.getMetadata().getAnnotations() != null)
            .filter(
                d -> d.getMetadata().getAnnotations().containsKey("image.openshift.io/triggers"))
            .count();

    operator.close();
    api.requests().clear();
    operator = startOperator();

    await().atMost(Duration.ofSeconds(30)).until(() -> reconciled("Deployment") >= triggered);
    assertThat(api.requests().writes("/deployments/"))
        .as("every triggered Deployment evaluated again, none written")
        .isZero();
  }

  @Test
  void twoWritersRacingOnTheSameDeploymentConverge() throws Exception {
    PushedImage one = push("trig/race", "v", 18);
    create(Streams.stream(ns, "race").dockerImage("v", repo("trig/race:v")).forCreate());
    deployment("race", trigger("race:v", WEB), "web");
    awaitImage("race", 0, pullSpec("trig/race", one));

    try (ImageStreamOperator second = startSecond()) {
      PushedImage two = push("trig/race", "v", 19);
      requestImport("race", "race-1");
      for (int i = 0; i < 5; i++) {
        kubectl().run("-n", ns, "set", "image", "deployment/race", "web=busybox:" + i).ok();
      }
      awaitImage("race", 0, pullSpec("trig/race", two));
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> image(getDeployment("race"), 0), pullSpec("trig/race", two)::equals);
    }
  }

  @Test
  void aGitOpsToolApplyingItsOwnImageConflictsFightsWhenForcedAndIsQuietWithoutTheField() {
    PushedImage one = push("trig/gitops", "v", 20);
    create(Streams.stream(ns, "gitops").dockerImage("v", repo("trig/gitops:v")).forCreate());
    String manifest = gitopsManifest("gitops", true);
    k8s.resource(Serialization.unmarshal(manifest, Deployment.class))
        .fieldManager("argocd-controller")
        .serverSideApply();
    String triggered = awaitImage("gitops", 0, pullSpec("trig/gitops", one));

    // a sync without force: the image field is the trigger's, so the apply conflicts, naming it
    assertThatThrownBy(
            () ->
                k8s.resource(Serialization.unmarshal(manifest, Deployment.class))
                    .fieldManager("argocd-controller")
                    .serverSideApply())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("conflict")
        .hasMessageContaining("imagestream-triggers");

    // a forced sync takes the field back; the trigger sees its container's image change and
    // writes it again at once: the two fight on every forced sync
    api.requests().clear();
    k8s.resource(Serialization.unmarshal(manifest, Deployment.class))
        .fieldManager("argocd-controller")
        .forceConflicts()
        .serverSideApply();
    awaitImage("gitops", 0, triggered);
    assertThat(api.requests().writes("/deployments/gitops")).isEqualTo(1);

    // the recipe: the tool leaves the image out of what it applies (Argo CD ignoreDifferences
    // with managedFieldsManagers and RespectIgnoreDifferences=true; Flux's ssa: IfNotPresent
    // never applies again); nothing conflicts and nothing is written
    api.requests().clear();
    k8s.resource(Serialization.unmarshal(gitopsManifest("gitops", false), Deployment.class))
        .fieldManager("argocd-controller")
        .serverSideApply();
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> image(getDeployment("gitops"), 0), triggered::equals);
    assertThat(api.requests().writes("/deployments/gitops")).isZero();
  }

  @Test
  void clientSideApplyOfTheSameManifestRevertsTheImageAndTheTriggerPutsItBack() {
    PushedImage one = push("trig/csa", "v", 21);
    create(Streams.stream(ns, "csa").dockerImage("v", repo("trig/csa:v")).forCreate());
    String manifest = gitopsManifest("csa", true);
    kubectl().withInput(manifest, "apply", "-f", "-").ok();
    String triggered = awaitImage("csa", 0, pullSpec("trig/csa", one));

    // kubectl's three-way patch sets every field where the manifest differs from the live
    // object: the manifest's image comes back, and the trigger writes its own again
    api.requests().clear();
    kubectl().withInput(manifest, "apply", "-f", "-").ok();
    awaitImage("csa", 0, triggered);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(api.requests().writes("/deployments/csa")).isEqualTo(1));
    await()
        .untilAsserted(
            () ->
                assertThat(eventsFor("csa", "ImageTriggered"))
                    .as("each round is a write, and an Event")
                    .hasSize(2));
  }

  private String gitopsManifest(String name, boolean withImage) {
    return String.join(
        "\n",
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: " + name,
        "  namespace: " + ns,
        "  annotations:",
        "    image.openshift.io/triggers: '" + trigger(name + ":v", WEB) + "'",
        "spec:",
        "  selector: {matchLabels: {app: " + name + "}}",
        "  template:",
        "    metadata: {labels: {app: " + name + "}}",
        "    spec:",
        "      containers:",
        "      - name: web",
        withImage ? "        image: placeholder" : "        ports: [{containerPort: 8080}]",
        "");
  }

  private void requestImport(String stream, String value) {
    k8s.resources(ImageStream.class)
        .inNamespace(ns)
        .withName(stream)
        .edit(
            s -> {
              s.getMetadata().setAnnotations(Map.of("imagestreams.dev/import-requested-at", value));
              return s;
            });
  }

  /** Reconciliations of one kind finished so far (JOSDK's metrics, tagged with the kind). */
  private double reconciled(String kind) {
    return meters.find("operator.sdk.reconciliations.success").tag("kind", kind).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private volatile MeterRegistry meters;

  @Override
  protected OperatorSettings settings(OperatorSettings defaults) {
    meters = defaults.meterRegistry();
    return defaults;
  }

  private double metric(String name) {
    return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  protected ImageStreamOperator startSecond() throws Exception {
    ImageStreamOperator o =
        new ImageStreamOperator(
            OperatorSettings.of(api.client(), "imagestream-operator").withFixedConfig(config()));
    o.start();
    return o;
  }
}
