package dev.imagestreams.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagEventCondition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenShift's AddTagEventToImageStream table and setFailureCondition, row by row. */
class TagHistoryTest {
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  private static NamedTagEventList with(TagEvent... events) {
    return new NamedTagEventList("t", List.of(events), null, null, null);
  }

  private static TagEvent event(String created, String ref, String image, long generation) {
    return new TagEvent(created, ref, image, generation);
  }

  @Test
  void sameReferenceImageAndGenerationChangesNothing() {
    NamedTagEventList old = with(event("t1", "r@" + A, A, 1));
    assertThat(
            TagHistory.succeeded(old, "t", event("t2", "r@" + A, A, 1), null, null, 10).itemList())
        .containsExactly(event("t1", "r@" + A, A, 1));
  }

  @Test
  void sameImageAtANewGenerationUpdatesInPlace() {
    NamedTagEventList old = with(event("t1", "r@" + A, A, 1));
    assertThat(
            TagHistory.succeeded(old, "t", event("t2", "r@" + A, A, 4), null, null, 10).itemList())
        .containsExactly(event("t1", "r@" + A, A, 4));
  }

  @Test
  void anotherSpellingOfTheSameImageReplacesTheReferenceInPlace() {
    NamedTagEventList old = with(event("t1", "r@" + A, A, 1));
    assertThat(
            TagHistory.succeeded(old, "t", event("t2", "docker.io/r@" + A, A, 2), null, null, 10)
                .itemList())
        .containsExactly(event("t1", "docker.io/r@" + A, A, 2));
  }

  @Test
  void aNewImageUnderTheSamePullSpecReplacesTheImageInPlace() {
    NamedTagEventList old = with(event("t1", "registry.example.com/team/app:1", A, 1));
    String b = "sha256:" + "b".repeat(64);
    assertThat(
            TagHistory.succeeded(
                    old, "t", event("t2", "registry.example.com/team/app:1", b, 1), null, null, 10)
                .itemList())
        .as("same pull spec: no new history item, the current one now names the new image")
        .containsExactly(event("t1", "registry.example.com/team/app:1", b, 1));
  }

  @Test
  void aNewDigestIsPrependedAndTheHistoryIsBounded() {
    NamedTagEventList old = with(event("t1", "r@" + A, A, 1));
    NamedTagEventList next =
        TagHistory.succeeded(old, "t", event("t2", "r@" + B, B, 2), null, B, 10);
    assertThat(next.itemList()).extracting(TagEvent::image).containsExactly(B, A);
    assertThat(next.sourceDigest()).isEqualTo(B);
    NamedTagEventList bounded =
        TagHistory.succeeded(next, "t", event("t3", "r@" + A, A, 3), null, null, 2);
    assertThat(bounded.itemList()).extracting(TagEvent::generation).containsExactly(3L, 2L);
  }

  @Test
  void successClearsTheCondition() {
    NamedTagEventList failed =
        TagHistory.failed(
            with(event("t1", "r@" + A, A, 1)), "t", "NotFound", "gone", null, "t2", 2);
    assertThat(
            TagHistory.succeeded(failed, "t", event("t3", "r@" + A, A, 3), null, null, 10)
                .conditions())
        .isNull();
  }

  @Test
  void failureKeepsItemsAndARepeatedFailureKeepsItsTime() {
    NamedTagEventList old = with(event("t1", "r@" + A, A, 1));
    NamedTagEventList first = TagHistory.failed(old, "t", "NotFound", "gone", null, "t2", 2);
    assertThat(first.itemList()).containsExactly(event("t1", "r@" + A, A, 1));
    assertThat(first.importCondition())
        .contains(new TagEventCondition("ImportSuccess", "False", "t2", "NotFound", "gone", 2L));
    assertThat(
            TagHistory.failed(first, "t", "NotFound", "gone", null, "t3", 3)
                .importCondition()
                .orElseThrow()
                .lastTransitionTime())
        .isEqualTo("t2");
    assertThat(
            TagHistory.failed(first, "t", "NotFound", "other", null, "t3", 3)
                .importCondition()
                .orElseThrow()
                .lastTransitionTime())
        .isEqualTo("t3");
  }

  @Test
  void repeatedTransientFailuresKeepTheFirstCondition() {
    NamedTagEventList first =
        TagHistory.failed(null, "t", "RateLimited", "retry after 30s", null, "t1", 1);
    NamedTagEventList again =
        TagHistory.failed(first, "t", "RateLimited", "retry after 12s", null, "t2", 1);
    assertThat(again.importCondition()).isEqualTo(first.importCondition());
    assertThat(again.itemList()).isEmpty();
  }
}
