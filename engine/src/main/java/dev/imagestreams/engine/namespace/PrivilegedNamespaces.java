package dev.imagestreams.engine.namespace;

import dev.imagestreams.engine.config.ImportConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The namespaces this operator refuses to act in, as OpenShift treats them: {@code default}, {@code
 * kube-public}, {@code kube-system}, {@code openshift}, {@code openshift-infra}, {@code
 * openshift-node}, every namespace labelled {@code openshift.io/run-level} {@code 0} or {@code 1},
 * and the configured extra namespaces. Pure: the namespace's labels are passed in.
 */
public final class PrivilegedNamespaces {
  public static final Set<String> BUILT_IN =
      Set.of(
          "default",
          "kube-public",
          "kube-system",
          "openshift",
          "openshift-infra",
          "openshift-node");
  public static final String RUN_LEVEL_LABEL = "openshift.io/run-level";

  private PrivilegedNamespaces() {}

  /** Why the namespace is privileged, or empty if it is not. */
  public static Optional<String> reason(
      String namespace, Map<String, String> labels, ImportConfig config) {
    if (BUILT_IN.contains(namespace)) {
      return Optional.of(
          "namespace "
              + namespace
              + " is a privileged system namespace: the operator does not import images there");
    }
    String runLevel = labels == null ? null : labels.get(RUN_LEVEL_LABEL);
    if ("0".equals(runLevel) || "1".equals(runLevel)) {
      return Optional.of(
          "namespace "
              + namespace
              + " is labelled "
              + RUN_LEVEL_LABEL
              + "="
              + runLevel
              + ": the operator does not import images in run-level 0 and 1 namespaces");
    }
    if (config.privilegedNamespaces().names().contains(namespace)) {
      return Optional.of(
          "namespace "
              + namespace
              + " is listed in privilegedNamespaces: the operator does not import images there");
    }
    return Optional.empty();
  }
}
