package dev.imagestreams.operator.triggers;

import dev.imagestreams.engine.triggers.ImageWrite;
import dev.imagestreams.engine.triggers.TriggerProblem;
import dev.imagestreams.engine.triggers.TriggerReason;
import dev.imagestreams.operator.events.EventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reports a workload's trigger problems as Warning Events, each distinct problem once while it
 * lasts (a problem that goes away and comes back is reported again; after a restart, once more),
 * and each image written as a Normal Event naming the container, the old and the new image.
 */
final class TriggerNews {
  private final EventRecorder recorder;
  private final TriggerMetrics metrics;
  private final Map<String, Set<TriggerProblem>> reported = new ConcurrentHashMap<>();

  TriggerNews(EventRecorder recorder, TriggerMetrics metrics) {
    this.recorder = recorder;
    this.metrics = metrics;
    metrics.bindWorkloadsWithProblems(reported::size);
  }

  /** The workload's problems now: the new ones are reported. */
  void problems(WorkloadKind kind, HasMetadata workload, List<TriggerProblem> now) {
    String uid = workload.getMetadata().getUid();
    if (now.isEmpty()) {
      if (uid != null) {
        reported.remove(uid);
      }
      return;
    }
    Set<TriggerProblem> before = uid == null ? Set.of() : reported.getOrDefault(uid, Set.of());
    for (TriggerProblem p : now) {
      if (!before.contains(p)) {
        recorder.warning(workload, p.reason().wire(), p.message());
        metrics.problem(kind, p.reason());
      }
    }
    if (uid != null) {
      reported.put(uid, Set.copyOf(now));
    }
  }

  /** Images the triggers set. */
  void written(WorkloadKind kind, HasMetadata workload, List<ImageWrite> writes) {
    for (ImageWrite w : writes) {
      recorder.normal(
          workload,
          TriggerReason.IMAGE_UPDATED.wire(),
          (w.init() ? "init container " : "container ")
              + w.container()
              + ": image "
              + w.from()
              + " -> "
              + w.to()
              + " (ImageStreamTag "
              + w.source()
              + ")");
    }
  }

  /** Forgets a deleted workload. */
  void forget(String uid) {
    if (uid != null) {
      reported.remove(uid);
    }
  }
}
