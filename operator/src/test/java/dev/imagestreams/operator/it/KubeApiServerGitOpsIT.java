package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamSpec;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.Kubectl;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequestCounter;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The operator beside GitOps tools and people on a real API server: spec applied server-side by
 * another field manager (as Argo CD and Flux do), client-side {@code kubectl apply}, {@code kubectl
 * create} followed by edits, and other writers changing the stream between the operator's read and
 * its write. The operator owns status only, never conflicts with the spec's owner, and loses or
 * repeats no history.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
class KubeApiServerGitOpsIT extends OperatorTestBase {
  private static final String GITOPS = "argocd-controller";

  @Override
  protected ApiServer startApiServer() {
    return RealApiServer.start();
  }

  private Kubectl kubectl() {
    return new Kubectl(((RealApiServer) api).controlPlane());
  }

  private String streamYaml(String name, Map<String, String> tags) {
    StringBuilder yaml =
        new StringBuilder(
            """
        apiVersion: image.openshift.io/v1
        kind: ImageStream
        metadata:
          name: %s
          namespace: %s
        spec:
          tags:
        """
                .formatted(name, ns));
    tags.forEach(
        (tag, from) ->
            yaml.append(
                """
          - name: "%s"
            from: {kind: DockerImage, name: "%s"}
        """
                    .formatted(tag, from)));
    return yaml.toString();
  }

  private void gitopsApply(String yaml) {
    // no force: a conflict with the operator's fields would fail here, as it would fail a sync
    k8s.resource(Serialization.unmarshal(yaml, ImageStream.class))
        .fieldManager(GITOPS)
        .serverSideApply();
  }

  @Test
  void specAppliedServerSideByAGitOpsToolAndStatusWrittenByTheOperatorNeverConflict() {
    PushedImage one = REGISTRY.pusher().pushOciImage("gitops/app", "1", Platform.LINUX_AMD64, 1);
    PushedImage two = REGISTRY.pusher().pushOciImage("gitops/app", "2", Platform.LINUX_AMD64, 2);
    String v1 = streamYaml("app", Map.of("stable", repo("gitops/app:1")));
    gitopsApply(v1);
    awaitReady("app");

    gitopsApply(v1); // a resync of the same desired state
    String v2 =
        streamYaml(
            "app",
            new java.util.TreeMap<>(
                Map.of("stable", repo("gitops/app:1"), "next", repo("gitops/app:2"))));
    gitopsApply(v2);
    ImageStreamStatus status =
        awaitStatus(
            "app",
            s ->
                s.tag("next").flatMap(t -> t.current()).isPresent()
                    && s.observedGeneration() != null
                    && s.observedGeneration() == 2);
    assertThat(tag(status, "stable").current().orElseThrow().image()).isEqualTo(one.digest());
    assertThat(tag(status, "next").current().orElseThrow().image()).isEqualTo(two.digest());
    gitopsApply(v2);

    ImageStream stream = get("app");
    assertThat(stream.getSpec())
        .as("spec is the GitOps tool's, unchanged")
        .isEqualTo(Serialization.unmarshal(v2, ImageStream.class).getSpec());
    List<ManagedFieldsEntry> managed = stream.getMetadata().getManagedFields();
    assertThat(managed)
        .filteredOn(m -> GITOPS.equals(m.getManager()))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getOperation()).isEqualTo("Apply");
              assertThat(m.getSubresource()).isNullOrEmpty();
              assertThat(m.getFieldsV1().getAdditionalProperties())
                  .containsKey("f:spec")
                  .doesNotContainKey("f:status");
            });
    assertThat(managed)
        .filteredOn(m -> !GITOPS.equals(m.getManager()))
        .as("the operator's entries: the status subresource, status fields only")
        .isNotEmpty()
        .allSatisfy(
            m -> {
              assertThat(m.getSubresource()).isEqualTo("status");
              assertThat(m.getOperation()).isEqualTo("Apply");
              assertThat(m.getFieldsV1().getAdditionalProperties()).containsOnlyKeys("f:status");
            });
  }

  @Test
  void clientSideKubectlApplyOfAnEditedSpecIsImported() throws Exception {
    PushedImage one = REGISTRY.pusher().pushOciImage("gitops/csa", "1", Platform.LINUX_AMD64, 3);
    PushedImage two = REGISTRY.pusher().pushOciImage("gitops/csa", "2", Platform.LINUX_AMD64, 4);
    Kubectl kubectl = kubectl();
    assertThat(
            kubectl
                .withInput(
                    streamYaml("csa", Map.of("prod", repo("gitops/csa:1"))), "apply", "-f", "-")
                .ok())
        .contains("imagestream.image.openshift.io/csa created");
    awaitReady("csa");

    assertThat(
            kubectl
                .withInput(
                    streamYaml("csa", Map.of("prod", repo("gitops/csa:2"))), "apply", "-f", "-")
                .ok())
        .contains("imagestream.image.openshift.io/csa configured");
    ImageStreamStatus status = awaitGeneration("csa", 2);
    assertThat(tag(status, "prod").itemList())
        .extracting(TagEvent::image)
        .containsExactly(two.digest(), one.digest());
    assertThat(
            kubectl
                .withInput(
                    streamYaml("csa", Map.of("prod", repo("gitops/csa:2"))), "diff", "-f", "-")
                .exitCode())
        .as("kubectl diff: the live object is what was applied")
        .isZero();
  }

  @Test
  void aStreamCreatedWithKubectlAndEditedAfterwardsConverges() {
    PushedImage one = REGISTRY.pusher().pushOciImage("gitops/edit", "1", Platform.LINUX_AMD64, 5);
    PushedImage two = REGISTRY.pusher().pushOciImage("gitops/edit", "2", Platform.LINUX_AMD64, 6);
    PushedImage three = REGISTRY.pusher().pushOciImage("gitops/edit", "3", Platform.LINUX_AMD64, 7);
    Kubectl kubectl = kubectl();
    kubectl
        .withInput(streamYaml("edit", Map.of("t", repo("gitops/edit:1"))), "create", "-f", "-")
        .ok();
    awaitReady("edit");

    // kubectl edit sends a merge patch of what the user changed
    kubectl
        .run(
            "patch",
            "-n",
            ns,
            "is/edit",
            "--type=merge",
            "-p",
            "{\"spec\":{\"tags\":[{\"name\":\"t\",\"from\":{\"kind\":\"DockerImage\",\"name\":\""
                + repo("gitops/edit:2")
                + "\"}}]}}")
        .ok();
    awaitGeneration("edit", 2);
    // kubectl replace sends the whole object back, with the status it read: the status is ignored
    String read = kubectl.run("get", "-n", ns, "is/edit", "-o", "yaml").ok();
    kubectl
        .withInput(read.replace(repo("gitops/edit:2"), repo("gitops/edit:3")), "replace", "-f", "-")
        .ok();

    ImageStreamStatus status = awaitGeneration("edit", 3);
    assertThat(tag(status, "t").itemList())
        .extracting(TagEvent::image)
        .containsExactly(three.digest(), two.digest(), one.digest());
  }

  @Test
  void anotherWriterBetweenTheOperatorsReadAndWriteLosesNothing() {
    PushedImage one = REGISTRY.pusher().pushOciImage("gitops/race", "1", Platform.LINUX_AMD64, 8);
    PushedImage two = REGISTRY.pusher().pushOciImage("gitops/race", "2", Platform.LINUX_AMD64, 9);
    AtomicBoolean labelled = new AtomicBoolean();
    AtomicBoolean retargeted = new AtomicBoolean();
    // the first status write: labels and annotations change just before it is sent
    interleave(
        "race",
        labelled,
        stream -> {
          stream.getMetadata().setLabels(Map.of("team", "a"));
          stream.getMetadata().setAnnotations(Map.of("note", "changed under the operator"));
        });
    gitopsApply(streamYaml("race", Map.of("t", repo("gitops/race:1"))));
    ImageStreamStatus first = awaitReady("race");
    assertThat(labelled).isTrue();
    assertThat(tag(first, "t").itemList())
        .extracting(TagEvent::image)
        .containsExactly(one.digest());

    // the next status write: the spec changes just before it is sent
    interleave(
        "race",
        retargeted,
        stream ->
            stream.setSpec(
                new ImageStreamSpec(
                    stream.getSpec().lookupPolicy(),
                    stream.getSpec().dockerImageRepository(),
                    List.of(Streams.docker("t", repo("gitops/race:2"), false)))));
    kubectl()
        .run(
            "annotate",
            "-n",
            ns,
            "is/race",
            "imagestreams.dev/import-requested-at=1",
            "--overwrite")
        .ok();
    ImageStreamStatus status =
        awaitStatus(
            "race",
            s ->
                s.observedGeneration() != null
                    && s.observedGeneration() == get("race").getMetadata().getGeneration()
                    && s.tag("t")
                        .flatMap(t -> t.current())
                        .map(TagEvent::image)
                        .filter(two.digest()::equals)
                        .isPresent());
    assertThat(retargeted).isTrue();
    assertThat(tag(status, "t").itemList())
        .as("history: each image once, newest first")
        .extracting(TagEvent::image)
        .containsExactly(two.digest(), one.digest());
    assertThat(get("race").getMetadata().getLabels()).containsEntry("team", "a");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(tag(get("race").getStatus(), "t").itemList()).hasSize(2));
  }

  /** Before the operator's next status write of the stream, another writer changes it once. */
  private void interleave(String name, AtomicBoolean done, Consumer<ImageStream> change) {
    RequestCounter operatorRequests = api.requests();
    operatorRequests.beforeSending(
        r -> {
          if (r.isWrite()
              && r.path().endsWith("/imagestreams/" + name + "/status")
              && done.compareAndSet(false, true)) {
            k8s.resources(ImageStream.class)
                .inNamespace(ns)
                .withName(name)
                .edit(
                    s -> {
                      change.accept(s);
                      return s;
                    });
          }
        });
  }

  /** The status once the operator has handled the stream's generation and set its Ready. */
  private ImageStreamStatus awaitGeneration(String name, long generation) {
    return awaitStatus(
        name,
        s ->
            s.observedGeneration() != null
                && s.observedGeneration() == generation
                && ready(s).isPresent());
  }
}
