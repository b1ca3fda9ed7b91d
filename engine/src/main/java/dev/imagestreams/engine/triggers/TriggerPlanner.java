package dev.imagestreams.engine.triggers;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.planning.ReferenceGrant;
import dev.imagestreams.engine.planning.StreamLookup;
import dev.imagestreams.engine.planning.TagPullSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which container images a workload's triggers set, as OpenShift's trigger controller does
 * (library-go's {@code UpdateObjectFromImages}), entry by entry in order:
 *
 * <ol>
 *   <li>a paused entry does nothing;
 *   <li>an entry whose fieldPath does not start with the kind's pod-spec path is skipped;
 *   <li>an entry whose source is not an {@code ImageStreamTag} {@code STREAM:TAG} is skipped (an
 *       OpenShift difference: OpenShift resolves any kind's name as a stream tag, but only when the
 *       workload changes);
 *   <li>an entry whose stream tag does not resolve ({@link TagPullSpec}: no stream, no tag, no
 *       items yet; a stream of another namespace that does not grant references) is skipped;
 *   <li>an entry whose fieldPath is not {@code containers[..].image} or selects no container stops
 *       every write of the workload;
 *   <li>otherwise the container gets the pull spec, when it differs from its image string (the last
 *       entry wins when two select the same container).
 * </ol>
 *
 * Where OpenShift skips or stops silently, the plan names the problem.
 */
public final class TriggerPlanner {
  private TriggerPlanner() {}

  /**
   * What the workload's triggers do now.
   *
   * @param workload the workload
   * @param streams the streams, as stored
   */
  public static TriggerPlan plan(TriggeredWorkload workload, StreamLookup streams) {
    if (workload.annotation() == null) {
      return TriggerPlan.NONE;
    }
    TriggerAnnotation.Parsed parsed = TriggerAnnotation.parse(workload.annotation());
    if (!parsed.valid()) {
      return new TriggerPlan(
          List.of(),
          List.of(
              new TriggerProblem(
                  TriggerReason.INVALID_ANNOTATION,
                  "annotation " + TriggerAnnotation.KEY + " is invalid: " + parsed.error())));
    }
    List<TriggerProblem> problems = new ArrayList<>();
    Map<String, ImageWrite> writes = new LinkedHashMap<>();
    boolean stopped = false;
    List<ImageTrigger> triggers = parsed.triggers();
    for (int i = 0; i < triggers.size(); i++) {
      ImageTrigger trigger = triggers.get(i);
      if (trigger.paused()) {
        continue;
      }
      String at = "trigger [" + i + "] (fieldPath \"" + trigger.fieldPath() + "\")";
      FieldPath.Reading reading = FieldPath.read(trigger.fieldPath(), workload.base());
      if (reading instanceof FieldPath.OtherBase) {
        problems.add(
            new TriggerProblem(
                TriggerReason.INVALID_FIELD_PATH,
                at
                    + " does not start with \""
                    + workload.base().path()
                    + ".\", the pod spec of a "
                    + workload.kind()
                    + ": it is ignored"));
        continue;
      }
      Optional<TriggerProblem> unsupported = unsupported(trigger.from(), at);
      if (unsupported.isPresent()) {
        problems.add(unsupported.get());
        continue;
      }
      Resolved resolved = resolve(trigger.from(), workload.namespace(), streams, at);
      if (resolved.problem() != null) {
        problems.add(resolved.problem());
      }
      if (resolved.pullSpec() == null) {
        continue;
      }
      if (!(reading instanceof FieldPath.Valid valid)) {
        problems.add(
            new TriggerProblem(
                TriggerReason.INVALID_FIELD_PATH,
                at
                    + " is not "
                    + workload.base().path()
                    + ".containers[INDEX or ?(@.name==\"NAME\")].image (or initContainers):"
                    + " no trigger of this "
                    + workload.kind()
                    + " acts until it is fixed"));
        stopped = true;
        continue;
      }
      FieldPath path = valid.path();
      List<ContainerImage> list = workload.list(path.init());
      Optional<Integer> index = path.select(list.stream().map(ContainerImage::name).toList());
      if (index.isEmpty()) {
        problems.add(
            new TriggerProblem(
                TriggerReason.CONTAINER_NOT_FOUND,
                at
                    + " selects no container of this "
                    + workload.kind()
                    + " ("
                    + path.list()
                    + ": "
                    + names(list)
                    + "): no trigger of it acts until it is fixed"));
        stopped = true;
        continue;
      }
      ContainerImage container = list.get(index.get());
      String key = path.list() + "/" + index.get();
      ImageWrite earlier = writes.get(key);
      String from = earlier == null ? container.image() : earlier.from();
      writes.put(
          key,
          new ImageWrite(
              path.init(),
              index.get(),
              container.name(),
              from,
              resolved.pullSpec(),
              resolved.source()));
    }
    if (stopped) {
      return new TriggerPlan(List.of(), problems);
    }
    return new TriggerPlan(
        writes.values().stream().filter(w -> !w.to().equals(w.from())).toList(), problems);
  }

  /**
   * The streams the workload's triggers follow (active {@code ImageStreamTag} entries of a valid
   * annotation), so that a change of one of them re-evaluates the workload.
   *
   * @param namespace the workload's namespace
   * @param annotation the annotation's value, or null
   */
  public static Set<StreamId> followed(String namespace, String annotation) {
    if (annotation == null) {
      return Set.of();
    }
    TriggerAnnotation.Parsed parsed = TriggerAnnotation.parse(annotation);
    Set<StreamId> out = new LinkedHashSet<>();
    for (ImageTrigger t : parsed.triggers()) {
      if (!t.paused() && TriggerAnnotation.IMAGE_STREAM_TAG.equals(t.from().kind())) {
        String stream = streamName(t.from().name());
        if (!stream.isEmpty()) {
          out.add(new StreamId(t.from().namespaceOr(namespace), stream));
        }
      }
    }
    return out;
  }

  private static Optional<TriggerProblem> unsupported(ImageTrigger.Source from, String at) {
    if (!TriggerAnnotation.IMAGE_STREAM_TAG.equals(from.kind())) {
      return Optional.of(
          new TriggerProblem(
              TriggerReason.UNSUPPORTED_SOURCE,
              at
                  + " follows from.kind \""
                  + from.kind()
                  + "\": only ImageStreamTag triggers act; it is ignored"));
    }
    if (!from.apiVersion().isEmpty() && !from.apiVersion().equals("image.openshift.io/v1")) {
      return Optional.of(
          new TriggerProblem(
              TriggerReason.UNSUPPORTED_SOURCE,
              at
                  + " follows from.apiVersion \""
                  + from.apiVersion()
                  + "\": only image.openshift.io/v1 (or none) acts; it is ignored"));
    }
    int colon = from.name().indexOf(':');
    if (colon <= 0) {
      return Optional.of(
          new TriggerProblem(
              TriggerReason.UNSUPPORTED_SOURCE,
              at
                  + " follows from.name \""
                  + from.name()
                  + "\": it must be STREAM:TAG; it is ignored"));
    }
    return Optional.empty();
  }

  /**
   * A stream tag's pull spec, or why there is none.
   *
   * @param pullSpec the pull spec, or null
   * @param source {@code namespace/stream:tag}
   * @param problem what to report, or null (a tag not imported yet is not a problem)
   */
  private record Resolved(String pullSpec, String source, TriggerProblem problem) {}

  private static Resolved resolve(
      ImageTrigger.Source from, String workloadNamespace, StreamLookup streams, String at) {
    String namespace = from.namespaceOr(workloadNamespace);
    String stream = streamName(from.name());
    String tag = from.name().substring(from.name().indexOf(':') + 1);
    String source = namespace + "/" + from.name();
    Optional<ImageStream> found = streams.get(namespace, stream);
    if (found.isEmpty()) {
      return new Resolved(
          null,
          source,
          new TriggerProblem(
              TriggerReason.STREAM_NOT_FOUND,
              at + " follows ImageStream " + namespace + "/" + stream + ", which does not exist"));
    }
    if (!ReferenceGrant.allows(found.get(), workloadNamespace)) {
      return new Resolved(
          null,
          source,
          new TriggerProblem(
              TriggerReason.REFERENCE_REFUSED,
              at + ": " + ReferenceGrant.refusal(namespace, stream, workloadNamespace)));
    }
    TagPullSpec.Resolution resolution = TagPullSpec.resolve(found.get(), tag);
    if (resolution.resolved()) {
      return new Resolved(resolution.pullSpec(), source, null);
    }
    boolean inSpec = found.get().getSpec() != null && found.get().getSpec().tag(tag).isPresent();
    if (resolution.unresolved() == TagPullSpec.Unresolved.NO_STATUS_TAG && !inSpec) {
      return new Resolved(
          null,
          source,
          new TriggerProblem(
              TriggerReason.TAG_NOT_FOUND,
              at
                  + " follows "
                  + source
                  + ": ImageStream "
                  + namespace
                  + "/"
                  + stream
                  + " has no tag "
                  + tag));
    }
    return new Resolved(null, source, null); // not imported yet, or every import failed
  }

  private static String streamName(String streamAndTag) {
    int colon = streamAndTag.indexOf(':');
    return colon < 0 ? streamAndTag : streamAndTag.substring(0, colon);
  }

  private static String names(List<ContainerImage> containers) {
    if (containers.isEmpty()) {
      return "none";
    }
    return String.join(", ", containers.stream().map(ContainerImage::name).toList());
  }
}
