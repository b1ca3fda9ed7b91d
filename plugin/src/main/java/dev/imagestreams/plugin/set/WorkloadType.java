package dev.imagestreams.plugin.set;

import dev.imagestreams.engine.triggers.PodSpecPath;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The kinds that have image change triggers, with the names kubectl accepts for them. */
enum WorkloadType {
  DEPLOYMENT("deployments", "apps", PodSpecPath.TEMPLATE, Set.of("deployment", "deploy")),
  STATEFUL_SET("statefulsets", "apps", PodSpecPath.TEMPLATE, Set.of("statefulset", "sts")),
  DAEMON_SET("daemonsets", "apps", PodSpecPath.TEMPLATE, Set.of("daemonset", "ds")),
  CRON_JOB("cronjobs", "batch", PodSpecPath.JOB_TEMPLATE, Set.of("cronjob", "cj"));

  private final String plural;
  private final String group;
  private final PodSpecPath base;
  private final Set<String> names;

  WorkloadType(String plural, String group, PodSpecPath base, Set<String> names) {
    this.plural = plural;
    this.group = group;
    this.base = base;
    this.names = names;
  }

  String plural() {
    return plural;
  }

  PodSpecPath base() {
    return base;
  }

  /**
   * The singular with its group, as kubectl names an object it changed: {@code deployment.apps}.
   */
  String qualified() {
    return plural.substring(0, plural.length() - 1) + "." + group;
  }

  /** The type a kubectl resource name stands for ({@code deploy}, {@code deployments.apps}). */
  static Optional<WorkloadType> of(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (WorkloadType t : values()) {
      String withoutGroup =
          n.endsWith("." + t.group) ? n.substring(0, n.length() - t.group.length() - 1) : n;
      if (withoutGroup.equals(t.plural) || t.names.contains(withoutGroup)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
