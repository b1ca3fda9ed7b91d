package dev.imagestreams.engine.triggers;

import java.util.List;

/**
 * What a workload's triggers do now.
 *
 * @param writes the container images to set (none when nothing changes, or when a trigger's
 *     fieldPath is invalid, which stops them all as in OpenShift)
 * @param problems why triggers do not act, each once
 */
public record TriggerPlan(List<ImageWrite> writes, List<TriggerProblem> problems) {
  public TriggerPlan {
    writes = List.copyOf(writes);
    problems = List.copyOf(problems);
  }

  /** No writes, no problems. */
  public static final TriggerPlan NONE = new TriggerPlan(List.of(), List.of());
}
