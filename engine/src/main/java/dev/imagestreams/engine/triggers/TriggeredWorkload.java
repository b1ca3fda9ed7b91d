package dev.imagestreams.engine.triggers;

import java.util.List;

/**
 * What the trigger planner reads of a workload.
 *
 * @param kind its kind, for messages ({@code Deployment})
 * @param namespace its namespace
 * @param base where its kind keeps the pod spec
 * @param annotation the value of {@value TriggerAnnotation#KEY}, or null
 * @param containers its containers, in order
 * @param initContainers its init containers, in order
 */
public record TriggeredWorkload(
    String kind,
    String namespace,
    PodSpecPath base,
    String annotation,
    List<ContainerImage> containers,
    List<ContainerImage> initContainers) {
  public TriggeredWorkload {
    containers = containers == null ? List.of() : List.copyOf(containers);
    initContainers = initContainers == null ? List.of() : List.copyOf(initContainers);
  }

  /** The containers of one list. */
  List<ContainerImage> list(boolean init) {
    return init ? initContainers : containers;
  }
}
