package dev.imagestreams.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.StreamReason;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.engine.status.TagHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events say what is news between two statuses, once per kind, and nothing else. */
class StatusNewsTest {
  private static final String T1 = "2026-11-26T12:00:00Z";
  private static final String T2 = "2026-11-26T13:00:00Z";
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  private static NamedTagEventList image(String tag, String digest, long generation) {
    return TagHistory.succeeded(
        null, tag, new TagEvent(T1, "nginx@" + digest, digest, generation), null, null, 10);
  }

  private static NamedTagEventList failed(NamedTagEventList old, String tag, String message) {
    return TagHistory.failed(old, tag, "NotFound", message, null, T2, 1);
  }

  private static ImageStreamStatus status(NamedTagEventList... tags) {
    return Streams.status(List.of(tags));
  }

  @Test
  void aTagWithANewImageIsImported() {
    ImageStreamStatus after = status(image("1", A, 1));
    assertThat(StatusNews.changes(null, after))
        .containsExactly(new TagChange("1", TagChange.Kind.NEW_IMAGE, "nginx@" + A));
    assertThat(StatusNews.between(status(image("1", B, 1)), after))
        .containsExactly(
            new StreamEvent(
                StreamEvent.Type.NORMAL, StreamReason.IMPORTED, "tag 1 now points to nginx@" + A));
  }

  @Test
  void aNewFailureIsAWarningThatKeepsTheImage() {
    NamedTagEventList before = image("2", B, 1);
    ImageStreamStatus after = status(failed(before, "2", "image \"x\" not found"));
    assertThat(StatusNews.changes(status(before), after))
        .containsExactly(
            new TagChange("2", TagChange.Kind.IMPORT_FAILED, "NotFound: image \"x\" not found"));
    assertThat(StatusNews.between(status(before), after))
        .containsExactly(
            new StreamEvent(
                StreamEvent.Type.WARNING,
                StreamReason.IMPORT_FAILED,
                "tag 2 failed to import: NotFound: image \"x\" not found"));
  }

  @Test
  void nothingNewIsNoNews() {
    NamedTagEventList failing = failed(null, "2", "image \"x\" not found");
    ImageStreamStatus before = status(image("1", A, 1), failing);
    ImageStreamStatus after =
        status(image("1", A, 2), failed(failing, "2", "image \"x\" not found"));
    assertThat(StatusNews.between(before, after)).as("same image, same failure").isEmpty();
    assertThat(StatusNews.between(before, status())).as("removed tags").isEmpty();
  }

  @Test
  void aFailureThatSaysSomethingNewIsNews() {
    NamedTagEventList failing = failed(null, "2", "image \"x\" not found");
    assertThat(
            StatusNews.changes(
                status(failing), status(failed(failing, "2", "image \"y\" not found"))))
        .containsExactly(
            new TagChange("2", TagChange.Kind.IMPORT_FAILED, "NotFound: image \"y\" not found"));
  }

  @Test
  void aFailureWithANewReasonAndTheSameMessageIsNews() {
    NamedTagEventList notFound = failed(null, "2", "gone");
    NamedTagEventList forbidden =
        TagHistory.failed(notFound, "2", "Forbidden", "gone", null, T2, 1);
    assertThat(StatusNews.changes(status(notFound), status(forbidden)))
        .containsExactly(new TagChange("2", TagChange.Kind.IMPORT_FAILED, "Forbidden: gone"));
  }

  @Test
  void severalTagsMakeOneEventPerKind() {
    ImageStreamStatus after =
        status(
            image("a", A, 1),
            image("b", B, 1),
            failed(null, "c", "image \"c\" not found"),
            failed(null, "d", "image \"d\" not found"));
    assertThat(StatusNews.between(null, after))
        .containsExactly(
            new StreamEvent(
                StreamEvent.Type.NORMAL,
                StreamReason.IMPORTED,
                "2 tags imported: a now points to nginx@" + A + "; b now points to nginx@" + B),
            new StreamEvent(
                StreamEvent.Type.WARNING,
                StreamReason.IMPORT_FAILED,
                "2 tags failed to import: c: NotFound: image \"c\" not found;"
                    + " d: NotFound: image \"d\" not found"));
  }
}
