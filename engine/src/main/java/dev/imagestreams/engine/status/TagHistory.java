package dev.imagestreams.engine.status;

import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.ObservedTagSource;
import dev.imagestreams.api.v1.TagConditionReason;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagEventCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a tag's status changes, following OpenShift ({@code AddTagEventToImageStream} and {@code
 * setFailureCondition}): a new item is prepended only when both the pull spec and the image differ
 * from the current one, otherwise the current item is updated in place; any success clears the
 * condition; a failure keeps every item, and a repeated identical failure keeps its time.
 */
public final class TagHistory {
  private TagHistory() {}

  /**
   * The status after the tag got an image.
   *
   * @param old the tag's status before, or null
   * @param tag the tag name
   * @param event the new current image
   * @param observed the source this result reflects
   * @param sourceDigest the digest the source pointed at, or null
   * @param limit the most items kept
   */
  public static NamedTagEventList succeeded(
      NamedTagEventList old,
      String tag,
      TagEvent event,
      ObservedTagSource observed,
      String sourceDigest,
      int limit) {
    List<TagEvent> items = new ArrayList<>(old == null ? List.of() : old.itemList());
    if (items.isEmpty()) {
      items.add(event);
    } else {
      TagEvent current = items.get(0);
      boolean sameReference =
          Objects.equals(current.dockerImageReference(), event.dockerImageReference());
      boolean sameImage = Objects.equals(current.image(), event.image());
      if (sameReference && sameImage) {
        if (!Objects.equals(current.generation(), event.generation())) {
          items.set(
              0,
              new TagEvent(
                  current.created(),
                  current.dockerImageReference(),
                  current.image(),
                  event.generation()));
        }
      } else if (sameReference || sameImage) {
        items.set(
            0,
            new TagEvent(
                current.created(),
                event.dockerImageReference(),
                event.image(),
                event.generation()));
      } else {
        items.add(0, event);
      }
    }
    while (items.size() > limit) {
      items.remove(items.size() - 1);
    }
    return new NamedTagEventList(tag, items, null, observed, sourceDigest);
  }

  /**
   * The status after an import failed: the items stay, the condition says why.
   *
   * @param old the tag's status before, or null
   * @param tag the tag name
   * @param reason the condition reason
   * @param message the condition message
   * @param observed the source this result reflects
   * @param now the time of the failure
   * @param generation the stream generation
   */
  public static NamedTagEventList failed(
      NamedTagEventList old,
      String tag,
      String reason,
      String message,
      ObservedTagSource observed,
      String now,
      long generation) {
    TagEventCondition previous = old == null ? null : old.importCondition().orElse(null);
    boolean same =
        previous != null
            && "False".equals(previous.status())
            && repeatsFailure(previous.reason(), previous.message(), reason, message);
    TagEventCondition condition =
        same
            ? previous
            : new TagEventCondition(
                TagEventCondition.IMPORT_SUCCESS, "False", now, reason, message, generation);
    List<TagEvent> items = old == null || old.itemList().isEmpty() ? null : old.itemList();
    String sourceDigest = old == null ? null : old.sourceDigest();
    return new NamedTagEventList(tag, items, List.of(condition), observed, sourceDigest);
  }

  /**
   * Whether a failure repeats the recorded one, so that the recorded condition and its time stay:
   * the same reason, and the same message unless the reason is transient (a rate limit or outage
   * with a new retry time or another timeout is no news, and costs no status write per retry).
   */
  public static boolean repeatsFailure(
      String previousReason, String previousMessage, String reason, String message) {
    return reason.equals(previousReason)
        && (message.equals(previousMessage) || TagConditionReason.isTransient(reason));
  }

  /** Whether a status tag carries nothing: no items and no conditions (OpenShift drops those). */
  public static boolean isEmpty(NamedTagEventList tag) {
    return tag.itemList().isEmpty() && tag.conditionList().isEmpty();
  }
}
