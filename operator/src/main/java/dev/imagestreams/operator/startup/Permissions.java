package dev.imagestreams.operator.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The API permissions the operator uses, rule by rule as deploy/rbac.yaml grants them: checked
 * before anything starts, so that a missing rule stops the start with one line naming it, instead
 * of informers failing one after another with their stack traces.
 */
final class Permissions {
  private Permissions() {}

  /**
   * One verb on one resource, in a namespace or at the cluster scope (namespace null).
   *
   * @param group the API group, empty for the core group
   * @param resource the resource, {@code resource/subresource} for a subresource
   */
  record Permission(String group, String resource, String verb, String namespace) {
    String subresource() {
      int slash = resource.indexOf('/');
      return slash < 0 ? null : resource.substring(slash + 1);
    }

    String plainResource() {
      int slash = resource.indexOf('/');
      return slash < 0 ? resource : resource.substring(0, slash);
    }
  }

  /**
   * What the operator needs.
   *
   * @param watchNamespaces the namespaces it watches; empty for all
   * @param operatorNamespace where its ConfigMap and Lease are
   * @param leaderElection whether it elects a leader through a Lease
   * @param triggers whether it runs the image change trigger controller
   */
  static List<Permission> required(
      Set<String> watchNamespaces,
      String operatorNamespace,
      boolean leaderElection,
      boolean triggers) {
    List<Permission> out = new ArrayList<>();
    List<String> scopes =
        watchNamespaces.isEmpty()
            ? java.util.Collections.singletonList(null)
            : List.copyOf(watchNamespaces);
    for (String ns : scopes) {
      for (String verb : List.of("list", "watch")) {
        out.add(new Permission("image.openshift.io", "imagestreams", verb, ns));
        out.add(new Permission("", "secrets", verb, ns));
      }
      out.add(new Permission("image.openshift.io", "imagestreams/status", "patch", ns));
      out.add(new Permission("", "events", "create", ns));
      if (triggers) {
        for (String verb : List.of("list", "watch", "patch")) {
          for (String resource : List.of("deployments", "statefulsets", "daemonsets")) {
            out.add(new Permission("apps", resource, verb, ns));
          }
          out.add(new Permission("batch", "cronjobs", verb, ns));
        }
      }
    }
    for (String verb : List.of("get", "list", "watch")) {
      out.add(new Permission("", "namespaces", verb, null));
      out.add(new Permission("", "configmaps", verb, operatorNamespace));
    }
    if (leaderElection) {
      for (String verb : List.of("get", "create", "update", "patch")) {
        out.add(new Permission("coordination.k8s.io", "leases", verb, operatorNamespace));
      }
    }
    return out;
  }

  /** How the API server words a refusal, so that one classifier describes both. */
  static String refusal(String user, Permission p) {
    return "User \""
        + user
        + "\" cannot "
        + p.verb()
        + " resource \""
        + p.resource()
        + "\" in API group \""
        + p.group()
        + "\""
        + (p.namespace() == null
            ? " at the cluster scope"
            : " in the namespace \"" + p.namespace() + "\"");
  }
}
