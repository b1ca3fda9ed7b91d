package dev.imagestreams.operator.lookup;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds whose images are resolved, as OpenShift's image policy resolves them, and where each
 * keeps its pod spec and pod template metadata (JSON pointers).
 */
enum WorkloadKind {
  POD("", "Pod", "/spec", null),
  REPLICATION_CONTROLLER("", "ReplicationController", "/spec/template/spec", "/spec/template"),
  DEPLOYMENT("apps", "Deployment", "/spec/template/spec", "/spec/template"),
  DAEMON_SET("apps", "DaemonSet", "/spec/template/spec", "/spec/template"),
  STATEFUL_SET("apps", "StatefulSet", "/spec/template/spec", "/spec/template"),
  REPLICA_SET("apps", "ReplicaSet", "/spec/template/spec", "/spec/template"),
  JOB("batch", "Job", "/spec/template/spec", "/spec/template"),
  CRON_JOB(
      "batch",
      "CronJob",
      "/spec/jobTemplate/spec/template/spec",
      "/spec/jobTemplate/spec/template");

  private final String group;
  private final String kind;
  private final String podSpec;
  private final String template;

  WorkloadKind(String group, String kind, String podSpec, String template) {
    this.group = group;
    this.kind = kind;
    this.podSpec = podSpec;
    this.template = template;
  }

  /** The kind of an AdmissionReview's {@code request.kind}, if resolved. */
  static Optional<WorkloadKind> of(String group, String kind) {
    return Arrays.stream(values())
        .filter(k -> k.group.equals(group) && k.kind.equals(kind))
        .findFirst();
  }

  /** Where the pod spec is. */
  String podSpec() {
    return podSpec;
  }

  /** Where the pod template is (its metadata holds the annotation), or null for a Pod. */
  String template() {
    return template;
  }

  String kind() {
    return kind;
  }
}
