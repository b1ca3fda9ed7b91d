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
   * @param name the one object the rule is narrowed to ({@code resourceNames}), or null
   */
  record Permission(String group, String resource, String verb, String namespace, String name) {
    Permission(String group, String resource, String verb, String namespace) {
      this(group, resource, verb, namespace, null);
    }

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
   * What the image lookup webhook needs besides.
   *
   * @param configuration its MutatingWebhookConfiguration (whose selector and CA bundle it keeps)
   * @param secret the built-in mode's Secret, or null when cert-manager's is mounted
   */
  record Webhook(String configuration, String secret) {}

  /**
   * What the operator needs.
   *
   * @param watchNamespaces the namespaces it watches; empty for all
   * @param operatorNamespace where its ConfigMap and Lease are
   * @param leaderElection whether it elects a leader through a Lease
   * @param triggers whether it runs the image change trigger controller
   * @param webhook the image lookup webhook, or null when it does not run
   */
  static List<Permission> required(
      Set<String> watchNamespaces,
      String operatorNamespace,
      boolean leaderElection,
      boolean triggers,
      Webhook webhook) {
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
      if (webhook != null) {
        // a stream the informer has not seen yet (created a moment before the pod)
        out.add(new Permission("image.openshift.io", "imagestreams", "get", ns));
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
    if (webhook != null) {
      for (String verb : List.of("get", "list", "watch", "patch")) {
        out.add(
            new Permission(
                "admissionregistration.k8s.io",
                "mutatingwebhookconfigurations",
                verb,
                null,
                webhook.configuration()));
      }
      if (webhook.secret() != null) {
        out.add(new Permission("", "secrets", "create", operatorNamespace));
        for (String verb : List.of("get", "list", "watch", "update")) {
          out.add(new Permission("", "secrets", verb, operatorNamespace, webhook.secret()));
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
