package dev.imagestreams.operator.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.triggers.ContainerImage;
import dev.imagestreams.engine.triggers.PodSpecPath;
import dev.imagestreams.engine.triggers.TriggeredWorkload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the informer cache keeps of a workload (its identity; and with the trigger annotation, that
 * and its containers' names and images) and what the planner reads of it, for each kind.
 */
class WorkloadKindTest {
  private static final String TRIGGERS =
      "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"app:1\"},\"fieldPath\":\"x\"}]";

  static HasMetadata workload(WorkloadKind kind, boolean triggered) {
    String pod =
        "{\"initContainers\":[{\"name\":\"setup\",\"image\":\"i\",\"command\":[\"sh\"]}],"
            + "\"containers\":[{\"name\":\"web\",\"image\":\"w\",\"env\":[{\"name\":\"A\",\"value\":\"b\"}]},"
            + "{\"name\":\"side\",\"image\":\"s\"}]}";
    String template = "{\"metadata\":{\"labels\":{\"app\":\"x\"}},\"spec\":" + pod + "}";
    String spec =
        kind == WorkloadKind.CRON_JOB
            ? "{\"schedule\":\"* * * * *\",\"jobTemplate\":{\"spec\":{\"template\":"
                + template
                + "}}}"
            : "{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":\"x\"}},\"template\":"
                + template
                + "}";
    String annotations =
        triggered
            ? "{\"image.openshift.io/triggers\":"
                + Serialization.asJson(TRIGGERS)
                + ",\"other\":\"big\"}"
            : "{\"other\":\"big\"}";
    String json =
        "{\"apiVersion\":\""
            + (kind.group().equals("apps") ? "apps/v1" : "batch/v1")
            + "\",\"kind\":\""
            + kind.kind()
            + "\",\"metadata\":{\"name\":\"w\",\"namespace\":\"team\",\"uid\":\"u-1\","
            + "\"resourceVersion\":\"42\",\"generation\":7,\"labels\":{\"a\":\"b\"},"
            + "\"annotations\":"
            + annotations
            + ",\"managedFields\":[{\"manager\":\"kubectl\",\"operation\":\"Update\"}]},"
            + "\"spec\":"
            + spec
            + ",\"status\":{}}";
    Class<? extends HasMetadata> type =
        switch (kind) {
          case DEPLOYMENT -> Deployment.class;
          case STATEFUL_SET -> StatefulSet.class;
          case DAEMON_SET -> DaemonSet.class;
          case CRON_JOB -> CronJob.class;
        };
    return Serialization.unmarshal(json, type);
  }

  @ParameterizedTest
  @EnumSource(WorkloadKind.class)
  void aTriggeredWorkloadKeepsItsIdentityAnnotationAndContainerImagesOnly(WorkloadKind kind) {
    HasMetadata full = workload(kind, true);

    HasMetadata pruned = kind.prune(full);

    assertThat(pruned.getClass()).isEqualTo(full.getClass());
    assertThat(pruned.getKind()).isEqualTo(kind.kind());
    assertThat(pruned.getMetadata().getName()).isEqualTo("w");
    assertThat(pruned.getMetadata().getNamespace()).isEqualTo("team");
    assertThat(pruned.getMetadata().getUid()).isEqualTo("u-1");
    assertThat(pruned.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(pruned.getMetadata().getAnnotations())
        .isEqualTo(Map.of("image.openshift.io/triggers", TRIGGERS));
    assertThat(pruned.getMetadata().getLabels()).isNull();
    assertThat(pruned.getMetadata().getManagedFields()).isNull();
    assertThat(pruned.getMetadata().getFinalizers()).isNull();
    assertThat(pruned.getMetadata().getOwnerReferences()).isNull();
    assertThat(kind.view(pruned)).as("the planner reads the same").isEqualTo(kind.view(full));
    assertThat(Serialization.asJson(pruned))
        .doesNotContain("env", "command", "replicas", "labels", "schedule", "status", "big");
  }

  @ParameterizedTest
  @EnumSource(WorkloadKind.class)
  void aWorkloadWithoutTriggersKeepsItsIdentityOnly(WorkloadKind kind) {
    HasMetadata pruned = kind.prune(workload(kind, false));

    assertThat(pruned.getMetadata().getAnnotations()).isNull();
    assertThat(Serialization.asJson(pruned)).doesNotContain("spec", "web");
    assertThat(kind.view(pruned).containers()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(WorkloadKind.class)
  void theViewIsTheKindsPodSpecAndAnnotation(WorkloadKind kind) {
    TriggeredWorkload view = kind.view(workload(kind, true));

    assertThat(view)
        .isEqualTo(
            new TriggeredWorkload(
                kind.kind(),
                "team",
                kind == WorkloadKind.CRON_JOB ? PodSpecPath.JOB_TEMPLATE : PodSpecPath.TEMPLATE,
                TRIGGERS,
                List.of(new ContainerImage("web", "w"), new ContainerImage("side", "s")),
                List.of(new ContainerImage("setup", "i"))));
  }

  @Test
  void aWorkloadWithoutASpecHasNoContainers() {
    Deployment empty = new Deployment();
    empty.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    empty.getMetadata().setNamespace("team");
    assertThat(WorkloadKind.DEPLOYMENT.view(empty).containers()).isEmpty();
    CronJob cron = new CronJob();
    cron.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    assertThat(WorkloadKind.CRON_JOB.view(cron).initContainers()).isEmpty();
  }

  @Test
  void theKindsTheirResourcesAndPodSpecPointers() {
    assertThat(WorkloadKind.DEPLOYMENT.plural()).isEqualTo("deployments");
    assertThat(WorkloadKind.STATEFUL_SET.plural()).isEqualTo("statefulsets");
    assertThat(WorkloadKind.DAEMON_SET.plural()).isEqualTo("daemonsets");
    assertThat(WorkloadKind.CRON_JOB.group()).isEqualTo("batch");
    assertThat(WorkloadKind.CRON_JOB.podSpecPointer())
        .isEqualTo("/spec/jobTemplate/spec/template/spec");
    assertThat(WorkloadKind.STATEFUL_SET.podSpecPointer()).isEqualTo("/spec/template/spec");
  }

  @Test
  void onlyAnnotationOrContainerImageChangesOfATriggeredWorkloadAreWorthEvaluating() {
    DeploymentTriggers reconciler = new DeploymentTriggers(null, f -> {});
    Deployment triggered = (Deployment) workload(WorkloadKind.DEPLOYMENT, true);
    Deployment cached = (Deployment) WorkloadKind.DEPLOYMENT.prune(triggered);

    Deployment relabelled = Serialization.clone(triggered);
    relabelled.getMetadata().setLabels(Map.of("x", "y"));
    relabelled.getSpec().setReplicas(9);
    assertThat(reconciler.changed(relabelled, cached)).isFalse();

    Deployment reimaged = Serialization.clone(triggered);
    reimaged.getSpec().getTemplate().getSpec().getContainers().get(1).setImage("busybox");
    assertThat(reconciler.changed(reimaged, cached)).isTrue();

    Deployment retriggered = Serialization.clone(triggered);
    retriggered.getMetadata().setAnnotations(Map.of("image.openshift.io/triggers", "[]"));
    assertThat(reconciler.changed(retriggered, cached)).isTrue();

    Deployment untriggered = Serialization.clone(triggered);
    untriggered.getMetadata().setAnnotations(null);
    assertThat(reconciler.changed(untriggered, cached)).as("triggers removed").isTrue();

    Deployment plain = (Deployment) workload(WorkloadKind.DEPLOYMENT, false);
    Deployment plainChanged = Serialization.clone(plain);
    plainChanged.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("other");
    assertThat(reconciler.changed(plainChanged, (Deployment) WorkloadKind.DEPLOYMENT.prune(plain)))
        .as("no triggers before or after")
        .isFalse();
  }

  @Test
  void theStreamsAWorkloadFollowsAreItsIndexKeys() {
    assertThat(StreamFollowers.followed(workload(WorkloadKind.DAEMON_SET, true)))
        .containsExactly("team/app");
    assertThat(StreamFollowers.followed(workload(WorkloadKind.DAEMON_SET, false))).isEmpty();
  }
}
