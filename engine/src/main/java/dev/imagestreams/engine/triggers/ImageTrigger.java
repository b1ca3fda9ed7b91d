package dev.imagestreams.engine.triggers;

/**
 * One entry of the {@code image.openshift.io/triggers} annotation (OpenShift's {@code
 * ObjectFieldTrigger}).
 *
 * @param from what the field follows
 * @param fieldPath the container image field it sets, e.g. {@code
 *     spec.template.spec.containers[?(@.name=="web")].image}
 * @param paused true while the trigger is switched off
 */
public record ImageTrigger(Source from, String fieldPath, boolean paused) {
  public ImageTrigger {
    from = from == null ? Source.NONE : from;
    fieldPath = fieldPath == null ? "" : fieldPath;
  }

  /**
   * What a trigger follows (OpenShift's {@code ObjectReference}); the empty string stands for a key
   * that is absent.
   *
   * @param kind {@code ImageStreamTag}; other kinds are not acted on
   * @param name {@code STREAM:TAG}
   * @param namespace the stream's namespace; empty for the workload's
   * @param apiVersion empty (or {@code image.openshift.io/v1})
   */
  public record Source(String kind, String name, String namespace, String apiVersion) {
    static final Source NONE = new Source("", "", "", "");

    public Source {
      kind = kind == null ? "" : kind;
      name = name == null ? "" : name;
      namespace = namespace == null ? "" : namespace;
      apiVersion = apiVersion == null ? "" : apiVersion;
    }

    /** An {@code ImageStreamTag} source. */
    public static Source streamTag(String namespace, String streamAndTag) {
      return new Source(TriggerAnnotation.IMAGE_STREAM_TAG, streamAndTag, namespace, "");
    }

    /** The stream's namespace: its own, or the workload's when it names none. */
    public String namespaceOr(String workloadNamespace) {
      return namespace.isEmpty() ? workloadNamespace : namespace;
    }
  }
}
