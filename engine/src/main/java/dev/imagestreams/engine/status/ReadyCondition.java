package dev.imagestreams.engine.status;

import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.StreamReason;
import dev.imagestreams.api.v1.TagEventCondition;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The stream's kstatus {@code Ready} condition, so {@code kubectl wait --for=condition=Ready} and
 * GitOps health checks work. Its {@code lastTransitionTime} moves only when its status changes.
 */
public final class ReadyCondition {
  public static final String READY = ImageStreamStatus.READY;

  private static final int MAX_MESSAGE = 1024;

  private ReadyCondition() {}

  /** Ready for a stream whose tags are all resolved, or the failing tags listed. */
  public static Condition forTags(
      List<NamedTagEventList> tags,
      List<String> duplicateTags,
      String note,
      long generation,
      String now,
      Condition previous) {
    if (!duplicateTags.isEmpty()) {
      return condition(
          "False",
          StreamReason.INVALID_SPEC,
          "spec.tags has duplicate names: "
              + String.join(", ", duplicateTags)
              + "; only the first of each is used"
              + note,
          generation,
          now,
          previous);
    }
    List<NamedTagEventList> failed =
        tags.stream().filter(t -> t.importCondition().isPresent()).toList();
    if (failed.isEmpty()) {
      int n = tags.size();
      return condition(
          "True",
          StreamReason.IMPORTED,
          n + (n == 1 ? " tag" : " tags") + " resolved" + note,
          generation,
          now,
          previous);
    }
    String detail =
        failed.stream()
            .map(
                t -> {
                  TagEventCondition c = t.importCondition().get();
                  return t.tag() + ": " + c.reason() + " (" + c.message() + ")";
                })
            .collect(Collectors.joining("; "));
    String message = failed.size() + " of " + tags.size() + " tags failed to import: " + detail;
    return condition(
        "False",
        StreamReason.IMPORT_FAILED,
        Messages.truncate(message, MAX_MESSAGE) + note,
        generation,
        now,
        previous);
  }

  /** Not ready: the namespace is privileged. */
  public static Condition privileged(String why, long generation, String now, Condition previous) {
    return condition("False", StreamReason.PRIVILEGED_NAMESPACE, why, generation, now, previous);
  }

  /** Not ready: the reconciliation failed unexpectedly; the message says how. */
  public static Condition reconcileFailed(
      String message, long generation, String now, Condition previous) {
    return condition(
        "False",
        StreamReason.RECONCILE_FAILED,
        Messages.truncate(message, MAX_MESSAGE),
        generation,
        now,
        previous);
  }

  static Condition condition(
      String status,
      StreamReason reason,
      String message,
      long generation,
      String now,
      Condition previous) {
    String transition =
        previous != null
                && Objects.equals(previous.getStatus(), status)
                && previous.getLastTransitionTime() != null
            ? previous.getLastTransitionTime()
            : now;
    return new ConditionBuilder()
        .withType(READY)
        .withStatus(status)
        .withReason(reason.wire())
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(transition)
        .build();
  }
}
