package dev.imagestreams.plugin.set;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code set image-lookup} acts on, as {@code oc} spells it: {@code NAME} (an ImageStream),
 * {@code is/NAME}, or {@code KIND/NAME} of a workload, whose pod template (or, for a Pod, the
 * object itself) gets the {@code resolve-names} annotation.
 *
 * @param kind the kind's canonical name ({@code ImageStream}, {@code Deployment}, ...)
 * @param apiVersion its API version
 * @param name the object's name
 * @param annotationsPath where the annotation goes: the JSON keys down to {@code annotations}
 */
record LookupTarget(String kind, String apiVersion, String name, List<String> annotationsPath) {
  static final String IMAGE_STREAM = "ImageStream";

  private static final List<String> TEMPLATE =
      List.of("spec", "template", "metadata", "annotations");

  /** kubectl's spellings of each kind: resource, singular, short name; kind and API version. */
  private static final Map<String, LookupTarget> KINDS =
      Map.ofEntries(
          kind(
              IMAGE_STREAM,
              "image.openshift.io/v1",
              List.of(),
              "imagestreams",
              "imagestream",
              "is"),
          kind("Deployment", "apps/v1", TEMPLATE, "deployments", "deployment", "deploy"),
          kind("DaemonSet", "apps/v1", TEMPLATE, "daemonsets", "daemonset", "ds"),
          kind("StatefulSet", "apps/v1", TEMPLATE, "statefulsets", "statefulset", "sts"),
          kind("ReplicaSet", "apps/v1", TEMPLATE, "replicasets", "replicaset", "rs"),
          kind(
              "ReplicationController",
              "v1",
              TEMPLATE,
              "replicationcontrollers",
              "replicationcontroller",
              "rc"),
          kind("Job", "batch/v1", TEMPLATE, "jobs", "job"),
          kind(
              "CronJob",
              "batch/v1",
              List.of("spec", "jobTemplate", "spec", "template", "metadata", "annotations"),
              "cronjobs",
              "cronjob",
              "cj"),
          kind("Pod", "v1", List.of("metadata", "annotations"), "pods", "pod", "po"));

  private static Map.Entry<String, LookupTarget> kind(
      String kind, String apiVersion, List<String> path, String... spellings) {
    return Map.entry(String.join(",", spellings), new LookupTarget(kind, apiVersion, "", path));
  }

  /**
   * Reads one argument.
   *
   * @throws IllegalArgumentException naming the argument and what is accepted
   */
  static LookupTarget parse(String arg) {
    int slash = arg.indexOf('/');
    String type = slash < 0 ? "imagestreams" : arg.substring(0, slash).toLowerCase(Locale.ROOT);
    String name = slash < 0 ? arg : arg.substring(slash + 1);
    int dot = type.indexOf('.');
    String plain = dot < 0 ? type : type.substring(0, dot); // deployments.apps
    if (name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("\"" + arg + "\" is not NAME or TYPE/NAME");
    }
    return find(plain)
        .map(t -> new LookupTarget(t.kind, t.apiVersion, name, t.annotationsPath))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the server doesn't have a resource type \""
                        + type
                        + "\" that image lookup applies to: use an image stream, a Deployment,"
                        + " DaemonSet, StatefulSet, ReplicaSet, ReplicationController, Job,"
                        + " CronJob or Pod"));
  }

  private static Optional<LookupTarget> find(String spelling) {
    return KINDS.entrySet().stream()
        .filter(e -> List.of(e.getKey().split(",")).contains(spelling))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  boolean imageStream() {
    return kind.equals(IMAGE_STREAM);
  }

  /** kubectl's way of naming the object in a message: {@code deployment.apps/web}. */
  String display() {
    String group =
        apiVersion.contains("/") ? "." + apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return kind.toLowerCase(Locale.ROOT) + group + "/" + name;
  }

  /** kubectl's NotFound line: {@code deployments.apps "web" not found}. */
  String notFound() {
    String group =
        apiVersion.contains("/") ? "." + apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return "Error from server (NotFound): "
        + kind.toLowerCase(Locale.ROOT)
        + "s"
        + group
        + " \""
        + name
        + "\" not found";
  }

  /**
   * The JSON merge patch that sets ({@code value}) or removes ({@code null}) the annotation, or the
   * stream's {@code spec.lookupPolicy.local}.
   */
  String mergePatch(boolean enabled) {
    if (imageStream()) {
      return "{\"spec\":{\"lookupPolicy\":{\"local\":" + enabled + "}}}";
    }
    StringBuilder out = new StringBuilder();
    for (String key : annotationsPath) {
      out.append("{\"").append(key).append("\":");
    }
    out.append("{\"")
        .append(SetImageLookupCommand.RESOLVE_NAMES)
        .append("\":")
        .append(enabled ? "\"*\"" : "null")
        .append("}");
    out.append("}".repeat(annotationsPath.size()));
    return out.toString();
  }
}
