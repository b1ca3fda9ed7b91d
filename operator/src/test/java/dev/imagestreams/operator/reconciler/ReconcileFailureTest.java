package dev.imagestreams.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An unexpected failure shows on the stream: Ready=False, ReconcileFailed, what failed; the rest of
 * the status stays.
 */
class ReconcileFailureTest {
  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00.500Z");
  private static final String A = "sha256:" + "a".repeat(64);

  private static Condition ready(String status, String reason, String since) {
    return new ConditionBuilder()
        .withType("Ready")
        .withStatus(status)
        .withReason(reason)
        .withMessage("m")
        .withObservedGeneration(3L)
        .withLastTransitionTime(since)
        .build();
  }

  @Test
  void theStatusKeepsEverythingButReady() {
    ImageStream stream = Streams.stream("ns", "web").generation(4).build();
    NamedTagEventList tag =
        new NamedTagEventList(
            "1", List.of(new TagEvent("2026-11-29T10:00:00Z", "nginx@" + A, A, 3L)), null, null, A);
    stream.setStatus(
        new ImageStreamStatus(
            "",
            null,
            List.of(tag),
            3L,
            List.of(ready("True", "Imported", "2026-11-29T10:00:00Z")),
            null,
            "r1",
            null,
            "1",
            "2026-11-29T10:00:00Z"));

    ImageStreamStatus status =
        ReconcileFailure.status(stream, new IllegalStateException("boom"), NOW);

    assertThat(status.tags()).containsExactly(tag);
    assertThat(status.observedGeneration()).as("not reconciled").isEqualTo(3L);
    assertThat(status.lastHandledImportRequest()).isEqualTo("r1");
    assertThat(status.tagsSummary()).isEqualTo("1");
    Condition ready = status.condition("Ready").orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("ReconcileFailed");
    assertThat(ready.getMessage()).isEqualTo("reconciliation failed: IllegalStateException: boom");
    assertThat(ready.getObservedGeneration()).isEqualTo(4L);
    assertThat(ready.getLastTransitionTime()).isEqualTo("2026-11-30T10:00:00Z");
  }

  @Test
  void aNewStreamGetsOnlyTheCondition() {
    ImageStreamStatus status =
        ReconcileFailure.status(
            Streams.stream("ns", "web").build(),
            new RuntimeException("outer", new java.io.IOException("disk on fire")),
            NOW);
    assertThat(status.tags()).isNull();
    assertThat(status.conditionList())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.getMessage())
                    .isEqualTo(
                        "reconciliation failed: RuntimeException: outer (caused by IOException: disk on fire)"));
  }

  @Test
  void anApiServerAnswerIsToldByItsCodeAndMessage() {
    var answer =
        new KubernetesClientException(
            "Failure executing: PATCH at: https://... Received status: Status(...)",
            422,
            new StatusBuilder()
                .withCode(422)
                .withMessage(
                    "ImageStream.image.openshift.io \"web\" is invalid: status.tags: Too many")
                .build());
    assertThat(ReconcileFailure.describe(new OperatorException("failed", answer)))
        .isEqualTo(
            "the API server answered 422: ImageStream.image.openshift.io \"web\" is invalid: status.tags: Too many");
  }

  @Test
  void aWriteConflictIsNotReported() {
    var conflict =
        new KubernetesClientException(
            "conflict",
            409,
            new StatusBuilder().withCode(409).withMessage("the object has been modified").build());
    assertThat(
            ReconcileFailure.worthReporting(
                new OperatorException("Exceeded maximum (0) retry attempts", conflict)))
        .isFalse();
    assertThat(ReconcileFailure.worthReporting(new IllegalStateException("boom"))).isTrue();
  }
}
