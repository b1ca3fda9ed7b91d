package dev.imagestreams.operator.reconciler;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.engine.status.KubeTime;
import dev.imagestreams.engine.status.ReadyCondition;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a stream says when its reconciliation threw unexpectedly: its status as it was, with {@code
 * Ready=False}, reason {@code ReconcileFailed}, and what failed. It reads the Kubernetes client's
 * exceptions, which is why it lives here and not in the pure {@code status} package. Expected
 * failures are not reported this way: registry failures are tag conditions, and a write conflict
 * (409) only means the next reconciliation works from fresher data.
 */
public final class ReconcileFailure {
  private ReconcileFailure() {}

  /** Whether the failure belongs on the stream; false for a write conflict. */
  public static boolean worthReporting(Throwable failure) {
    return causes(failure)
        .noneMatch(t -> t instanceof KubernetesClientException k && k.getCode() == 409);
  }

  /** The stream's status with the failure in its Ready condition; everything else as it was. */
  public static ImageStreamStatus status(ImageStream stream, Throwable failure, Instant now) {
    ImageStreamStatus old = stream.getStatus();
    Long g = stream.getMetadata().getGeneration();
    Condition previous = old == null ? null : old.condition(ReadyCondition.READY).orElse(null);
    Condition ready =
        ReadyCondition.reconcileFailed(
            "reconciliation failed: " + describe(failure),
            g == null ? 0 : g,
            KubeTime.format(now),
            previous);
    if (old == null) {
      return new ImageStreamStatus(
          null, null, null, null, List.of(ready), null, null, null, null, null);
    }
    return new ImageStreamStatus(
        old.dockerImageRepository(),
        old.publicDockerImageRepository(),
        old.tags(),
        old.observedGeneration(),
        List.of(ready),
        old.images(),
        old.lastHandledImportRequest(),
        old.displayRepository(),
        old.tagsSummary(),
        old.lastUpdated());
  }

  /**
   * The failure in one line: an API server's answer by its code and message (not fabric8's request
   * dump), anything else by its type and message, with its root cause when that is another.
   */
  static String describe(Throwable failure) {
    Optional<KubernetesClientException> answer =
        causes(failure)
            .filter(KubernetesClientException.class::isInstance)
            .map(KubernetesClientException.class::cast)
            .filter(
                k -> k.getCode() > 0 && k.getStatus() != null && k.getStatus().getMessage() != null)
            .findFirst();
    if (answer.isPresent()) {
      return "the API server answered "
          + answer.get().getCode()
          + ": "
          + answer.get().getStatus().getMessage();
    }
    Throwable root = causes(failure).reduce((first, second) -> second).orElse(failure);
    String top = line(failure);
    return root == failure ? top : top + " (caused by " + line(root) + ")";
  }

  private static String line(Throwable t) {
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private static Stream<Throwable> causes(Throwable failure) {
    return Stream.iterate(failure, t -> t != null, t -> t.getCause() == t ? null : t.getCause());
  }
}
