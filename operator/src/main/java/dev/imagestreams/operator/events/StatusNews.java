package dev.imagestreams.operator.events;

import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.StreamReason;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagEventCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What is news between two statuses of a stream, as Events. Pure. News is a tag that points at
 * another image ({@code Imported}, Normal) or a tag whose import failure is new or says something
 * new ({@code ImportFailed}, Warning); a removed tag, a failure that only repeats and a status that
 * changed in any other way are not. One Event per kind, however many tags took part.
 */
final class StatusNews {
  private StatusNews() {}

  /** The Events to write when the status goes from {@code before} (or null) to {@code after}. */
  static List<StreamEvent> between(ImageStreamStatus before, ImageStreamStatus after) {
    List<TagChange> changes = changes(before, after);
    List<StreamEvent> events = new ArrayList<>();
    news(
            of(changes, TagChange.Kind.NEW_IMAGE),
            StreamEvent.Type.NORMAL,
            StreamReason.IMPORTED,
            " now points to ",
            " tags imported: ",
            " now points to ")
        .ifPresent(events::add);
    news(
            of(changes, TagChange.Kind.IMPORT_FAILED),
            StreamEvent.Type.WARNING,
            StreamReason.IMPORT_FAILED,
            " failed to import: ",
            " tags failed to import: ",
            ": ")
        .ifPresent(events::add);
    return events;
  }

  /** The tags' transitions, in the order of the new status's tags. */
  static List<TagChange> changes(ImageStreamStatus before, ImageStreamStatus after) {
    List<TagChange> changes = new ArrayList<>();
    for (NamedTagEventList tag : after.tagList()) {
      NamedTagEventList was = before == null ? null : before.tag(tag.tag()).orElse(null);
      String image = tag.current().map(TagEvent::image).orElse("");
      String previousImage = was == null ? "" : was.current().map(TagEvent::image).orElse("");
      if (!image.isEmpty() && !image.equals(previousImage)) {
        changes.add(
            new TagChange(
                tag.tag(), TagChange.Kind.NEW_IMAGE, tag.current().get().dockerImageReference()));
      }
      Optional<TagEventCondition> failure = tag.importCondition();
      Optional<TagEventCondition> previousFailure =
          was == null ? Optional.empty() : was.importCondition();
      if (failure.isPresent()
          && (previousFailure.isEmpty()
              || !failure.get().reason().equals(previousFailure.get().reason())
              || !failure.get().message().equals(previousFailure.get().message()))) {
        changes.add(
            new TagChange(
                tag.tag(),
                TagChange.Kind.IMPORT_FAILED,
                failure.get().reason() + ": " + failure.get().message()));
      }
    }
    return changes;
  }

  /**
   * One Event for the changes, if any: {@code tag T<one>DETAIL} for one tag, {@code N<many>T<each>
   * DETAIL; ...} for several.
   */
  private static Optional<StreamEvent> news(
      List<TagChange> changes,
      StreamEvent.Type type,
      StreamReason reason,
      String one,
      String many,
      String each) {
    if (changes.isEmpty()) {
      return Optional.empty();
    }
    String message =
        changes.size() == 1
            ? "tag " + changes.get(0).tag() + one + changes.get(0).detail()
            : changes.size()
                + many
                + changes.stream()
                    .map(c -> c.tag() + each + c.detail())
                    .collect(Collectors.joining("; "));
    return Optional.of(new StreamEvent(type, reason, message));
  }

  private static List<TagChange> of(List<TagChange> changes, TagChange.Kind kind) {
    return changes.stream().filter(c -> c.kind() == kind).toList();
  }
}
