package dev.imagestreams.engine.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagReferencePolicy;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.engine.planning.TagPullSpec.Unresolved;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A stream tag's pull spec as OpenShift gives it to triggers and lookup: {@code items[0]}, with the
 * spec tag's reference policy applied; no items, no pull spec.
 */
class TagPullSpecTest {
  private static final String OLD = "sha256:" + "1".repeat(64);
  private static final String NEW = "sha256:" + "2".repeat(64);

  @ParameterizedTest(name = "policy {0}, internal repository {1}, image {2}: {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # policy | status.dockerImageRepository | items[0].image | pull spec
          -        | -                            | NEW            | quay.io/org/app@NEW
          ''       | -                            | NEW            | quay.io/org/app@NEW
          Source   | reg.svc:5000/team/app        | NEW            | quay.io/org/app@NEW
          Local    | reg.svc:5000/team/app        | NEW            | reg.svc:5000/team/app@NEW
          Local    | -                            | NEW            | quay.io/org/app@NEW
          Local    | ''                           | NEW            | quay.io/org/app@NEW
          Local    | reg.svc:5000/team/app        | ''             | quay.io/org/app@NEW
          Local    | reg.svc:5000/team/app        | -              | quay.io/org/app@NEW
          local    | reg.svc:5000/team/app        | NEW            | quay.io/org/app@NEW
          """)
  void theNewestItemWithTheReferencePolicyApplied(
      String policy, String repository, String image, String expected) {
    ImageStream stream =
        stream(
            spec("v1", policy),
            repository,
            tag("v1", item("quay.io/org/app@" + NEW, digest(image)), item("old@" + OLD, OLD)));

    TagPullSpec.Resolution r = TagPullSpec.resolve(stream, "v1");

    assertThat(r.resolved()).isTrue();
    assertThat(r.value()).contains(expected.replace("NEW", NEW));
    assertThat(r.unresolved()).isNull();
    assertThat(r.image()).as("an empty image is none").isEqualTo(emptyToNull(digest(image)));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  @Test
  void aTagWithoutASpecTagUsesTheItemAsRecordedEvenWithALocalRepository() {
    ImageStream stream =
        stream(spec("other", "Local"), "reg.svc:5000/team/app", tag("v1", item("a@" + NEW, NEW)));

    assertThat(TagPullSpec.resolve(stream, "v1").value()).contains("a@" + NEW);
  }

  @Test
  void aReferenceTagGivesItsSourcePullSpecAsIsEvenUnderTheLocalPolicy() {
    ImageStream stream =
        stream(
            spec("ref", "Local"),
            "reg.svc:5000/team/app",
            tag("ref", item("quay.io/org/app:1", "")));

    TagPullSpec.Resolution r = TagPullSpec.resolve(stream, "ref");

    assertThat(r.value()).contains("quay.io/org/app:1");
    assertThat(r.image()).isNull();
  }

  @Test
  void anEmptyTagNameMeansLatest() {
    ImageStream stream = stream(null, null, tag("latest", item("a@" + NEW, NEW)));

    assertThat(TagPullSpec.resolve(stream, "").value()).contains("a@" + NEW);
    assertThat(TagPullSpec.resolve(stream, null).value()).contains("a@" + NEW);
    assertThat(TagPullSpec.DEFAULT_TAG).isEqualTo("latest");
  }

  @Test
  void noStatusNoStatusTagNoItemsOrNoPullSpecDoNotResolve() {
    ImageStream noStatus = stream(spec("v1", null), null);
    noStatus.setStatus(null);
    assertUnresolved(noStatus, "v1", Unresolved.NO_STATUS_TAG);
    assertUnresolved(stream(spec("v1", null), null), "v1", Unresolved.NO_STATUS_TAG);
    assertUnresolved(
        stream(spec("v1", null), null, tag("v2", item("a@" + NEW, NEW))),
        "v1",
        Unresolved.NO_STATUS_TAG);
    assertUnresolved(stream(spec("v1", null), null, tag("v1")), "v1", Unresolved.NO_ITEMS);
    assertUnresolved(
        stream(spec("v1", null), null, new NamedTagEventList("v1", null, null, null, null)),
        "v1",
        Unresolved.NO_ITEMS);
    assertUnresolved(
        stream(spec("v1", null), null, tag("v1", item(null, NEW))), "v1", Unresolved.NO_PULL_SPEC);
    assertUnresolved(
        stream(spec("v1", null), null, tag("v1", item("", NEW))), "v1", Unresolved.NO_PULL_SPEC);
  }

  @Test
  void aStreamWithoutASpecResolvesFromItsStatus() {
    ImageStream stream = stream(null, null, tag("v1", item("a@" + NEW, NEW)));
    stream.setSpec(null);

    assertThat(TagPullSpec.resolve(stream, "v1").value()).contains("a@" + NEW);
  }

  private static void assertUnresolved(ImageStream stream, String tag, Unresolved why) {
    TagPullSpec.Resolution r = TagPullSpec.resolve(stream, tag);
    assertThat(r.resolved()).isFalse();
    assertThat(r.value()).isEmpty();
    assertThat(r.image()).isNull();
    assertThat(r.unresolved()).isEqualTo(why);
  }

  private static String digest(String image) {
    return image == null ? null : image.replace("NEW", NEW);
  }

  private static TagReference spec(String tag, String policy) {
    return new TagReference(
        tag,
        null,
        TagSource.of(TagSource.DOCKER_IMAGE, "quay.io/org/app:" + tag, null),
        null,
        null,
        null,
        policy == null ? null : new TagReferencePolicy(policy));
  }

  private static TagEvent item(String pullSpec, String image) {
    return new TagEvent("2026-01-01T00:00:00Z", pullSpec, image, 1L);
  }

  private static NamedTagEventList tag(String name, TagEvent... items) {
    return new NamedTagEventList(name, List.of(items), null, null, null);
  }

  private static ImageStream stream(
      TagReference spec, String repository, NamedTagEventList... tags) {
    Streams builder = Streams.stream("team", "app");
    if (spec != null) {
      builder.tag(spec);
    }
    ImageStream stream = builder.build();
    stream.setStatus(
        new ImageStreamStatus(
            repository,
            null,
            new ArrayList<>(List.of(tags)),
            null,
            null,
            null,
            null,
            null,
            null,
            null));
    return stream;
  }
}
