package dev.imagestreams.engine.triggers;

/**
 * Where a workload kind keeps its pod spec, the prefix of every trigger {@code fieldPath} on it.
 */
public enum PodSpecPath {
  /** Deployments, StatefulSets and DaemonSets. */
  TEMPLATE("spec.template.spec"),
  /** CronJobs. */
  JOB_TEMPLATE("spec.jobTemplate.spec.template.spec");

  private final String path;

  PodSpecPath(String path) {
    this.path = path;
  }

  /** The path, e.g. {@code spec.template.spec}. */
  public String path() {
    return path;
  }

  /**
   * The fieldPath of a container's image selected by name, as {@code oc set triggers} writes it.
   */
  public String containerImage(String container) {
    return path + ".containers[?(@.name==\"" + container + "\")].image";
  }
}
