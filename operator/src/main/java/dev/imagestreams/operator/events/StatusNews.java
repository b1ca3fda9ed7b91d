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
    imported(of(changes, TagChange.Kind.NEW_IMAGE)).ifPresent(events::add);
    failed(of(changes, TagChange.Kind.IMPORT_FAILED)).ifPresent(events::add);
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

  private static Optional<StreamEvent> imported(List<TagChange> imported) {
    if (imported.isEmpty()) {
      return Optional.empty();
    }
    String message =
        imported.size() == 1
            ? "tag " + imported.get(0).tag() + " now points to " + imported.get(0).detail()
            : imported.size()
                + " tags imported: "
                + imported.stream()
                    .map(c -> c.tag() + " now points to " + c.detail())
                    .collect(Collectors.joining("; "));
    return Optional.of(new StreamEvent(StreamEvent.Type.NORMAL, StreamReason.IMPORTED, message));
  }

  private static Optional<StreamEvent> failed(List<TagChange> failed) {
    if (failed.isEmpty()) {
      return Optional.empty();
    }
    String message =
        failed.size() == 1
            ? "tag " + failed.get(0).tag() + " failed to import: " + failed.get(0).detail()
            : failed.size()
                + " tags failed to import: "
                + failed.stream()
                    .map(c -> c.tag() + ": " + c.detail())
                    .collect(Collectors.joining("; "));
    return Optional.of(
        new StreamEvent(StreamEvent.Type.WARNING, StreamReason.IMPORT_FAILED, message));
  }

  private static List<TagChange> of(List<TagChange> changes, TagChange.Kind kind) {
    return changes.stream().filter(c -> c.kind() == kind).toList();
  }
}
