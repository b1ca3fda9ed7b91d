package dev.imagestreams.engine.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagEventCondition;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.engine.planning.TagReferenceResolver.Resolution;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What an {@code ImageStreamTag} or {@code ImageStreamImage} tag of {@code ns/web} resolves to: a
 * tag of the same stream (waiting, missing, failed, chained, cyclic), a tag of another stream
 * (missing, ungranted, in its spec only, cyclic across streams), and an image by digest or digest
 * prefix in this stream's history or another's. Each resolution is shown as one line.
 */
class TagReferenceResolverTest {
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String A2 = "sha256:" + "a".repeat(8) + "2".repeat(56);
  private static final String B = "sha256:" + "b".repeat(64);

  private final Map<String, TagPlan> plans = new HashMap<>();
  private final Map<String, NamedTagEventList> statuses = new HashMap<>();
  private final Set<String> pending = new HashSet<>();
  private final Map<String, Image> images = new HashMap<>();
  private final Map<String, ImageStream> others = new HashMap<>();

  // --- the same stream ---

  @Test
  void aTagOfTheSameStreamResolvesToItsCurrentImageAndRecord() {
    imported("1", A);
    images.put(A, image(A));
    track("latest", "ImageStreamTag", "1", null);
    track("named", "ImageStreamTag", "web:1", null);
    track("explicit", "ImageStreamTag", "web:1", "ns");
    assertThat(resolve("latest")).isEqualTo("resolved " + A + " with its record");
    assertThat(resolve("named")).isEqualTo("resolved " + A + " with its record");
    assertThat(resolve("explicit")).isEqualTo("resolved " + A + " with its record");
  }

  @Test
  void aTagOfTheSameStreamWithoutAnImageRecordResolvesWithoutOne() {
    imported("1", A);
    track("latest", "ImageStreamTag", "1", null);
    assertThat(resolve("latest")).isEqualTo("resolved " + A);
  }

  @Test
  void aTagOfTheSameStreamThatIsBeingImportedMakesTheReferenceWait() {
    imported("1", A);
    pending.add("1");
    plans.put("1", new TagPlan.Record("1", "x", null));
    track("latest", "ImageStreamTag", "1", null);
    assertThat(resolve("latest")).isEqualTo("waiting");
  }

  @Test
  void aMissingTagOfTheSameStreamIsNotFound() {
    track("latest", "ImageStreamTag", "missing", null);
    assertThat(resolve("latest"))
        .isEqualTo("failed NotFound: tag missing does not exist in ImageStream ns/web");
  }

  @Test
  void aSpecTagWithoutAStatusYetHasNoImageYet() {
    plans.put("1", new TagPlan.Record("1", "x", null));
    track("latest", "ImageStreamTag", "1", null);
    assertThat(resolve("latest"))
        .isEqualTo("failed NotFound: tag 1 of ImageStream ns/web has no image yet");
  }

  @Test
  void aStatusWithoutASpecTagStillResolves() {
    imported("old", A);
    track("latest", "ImageStreamTag", "old", null);
    assertThat(resolve("latest")).isEqualTo("resolved " + A);
  }

  @Test
  void aTagWhoseImportFailedSaysSo() {
    statuses.put(
        "1",
        new NamedTagEventList(
            "1",
            List.of(),
            List.of(
                new TagEventCondition(
                    "ImportSuccess", "False", "2026-01-01T00:00:00Z", "Unauthorized", "no", 1L)),
            null,
            null));
    track("latest", "ImageStreamTag", "1", null);
    assertThat(resolve("latest"))
        .isEqualTo(
            "failed NotFound: tag 1 of ImageStream ns/web has no image: its import failed"
                + " (Unauthorized)");
  }

  @Test
  void aTagWhoseCurrentEventHasNoImageHasNoImage() {
    statuses.put("r", history("r", ""));
    track("latest", "ImageStreamTag", "r", null);
    assertThat(resolve("latest"))
        .isEqualTo("failed NotFound: tag r of ImageStream ns/web has no image yet");
  }

  @Test
  void chainsResolveAndCyclesAreNamed() {
    imported("1", A);
    track("a", "ImageStreamTag", "b", null);
    track("b", "ImageStreamTag", "1", null);
    track("x", "ImageStreamTag", "y", null);
    track("y", "ImageStreamTag", "x", null);
    TagReferenceResolver resolver = resolver();
    assertThat(show(resolver.resolve("a"))).isEqualTo("resolved " + A);
    assertThat(show(resolver.resolve("b"))).isEqualTo("resolved " + A);
    assertThat(show(resolver.resolve("x")))
        .isEqualTo("failed ReferenceCycle: tag references form a cycle: x -> y -> x");
  }

  @Test
  void referencesWrittenWronglyAreInvalid() {
    track("i", "ImageStreamImage", "web", null);
    track("t", "ImageStreamTag", "a:b:c", null);
    assertThat(resolve("i"))
        .isEqualTo(
            "failed InvalidReference: ImageStreamImage \"web\" must be written stream@digest");
    assertThat(resolve("t"))
        .isEqualTo(
            "failed InvalidReference: ImageStreamTag \"a:b:c\" must be written [stream:]tag");
  }

  // --- another stream ---

  @Test
  void aTagOfAnotherStreamNeedsTheStreamAndItsGrant() {
    track("missing", "ImageStreamTag", "base:1", "shared");
    others.put("shared/base", Streams.stream("shared", "base").build());
    assertThat(resolve("missing"))
        .isEqualTo("failed Forbidden: " + ReferenceGrant.refusal("shared", "base", "ns"));
    others.clear();
    assertThat(resolve("missing"))
        .isEqualTo("failed NotFound: ImageStream shared/base does not exist");
  }

  @Test
  void aGrantedTagOfAnotherStreamResolvesWithThatStreamsImageRecord() {
    others.put(
        "shared/base",
        withStatus(
            Streams.stream("shared", "base").annotation(ReferenceGrant.ANNOTATION, "ns"),
            List.of(history("1", A)),
            List.of(image(A))));
    others.put(
        "ns/other", withStatus(Streams.stream("ns", "other"), List.of(history("1", B)), List.of()));
    track("shared", "ImageStreamTag", "base:1", "shared");
    track("sibling", "ImageStreamTag", "other:1", null);
    assertThat(resolve("shared")).isEqualTo("resolved " + A + " with its record");
    assertThat(resolve("sibling"))
        .as("the same namespace needs no grant")
        .isEqualTo("resolved " + B);
  }

  @Test
  void aTagOfAnotherStreamThatIsOnlyInItsSpecHasNoImageYet() {
    others.put("ns/other", Streams.stream("ns", "other").dockerImage("1", "nginx:1").build());
    track("spec-only", "ImageStreamTag", "other:1", null);
    track("nowhere", "ImageStreamTag", "other:2", null);
    assertThat(resolve("spec-only"))
        .isEqualTo("failed NotFound: tag 1 of ImageStream ns/other has no image yet");
    assertThat(resolve("nowhere"))
        .isEqualTo("failed NotFound: tag 2 does not exist in ImageStream ns/other");
  }

  @Test
  void aTagOfAnotherStreamWithAStatusButNoSpecTagResolves() {
    ImageStream other =
        withStatus(Streams.stream("ns", "other"), List.of(history("1", A)), List.of());
    other.setSpec(null);
    others.put("ns/other", other);
    track("t", "ImageStreamTag", "other:1", null);
    assertThat(resolve("t")).isEqualTo("resolved " + A);
  }

  @Test
  void cyclesAcrossStreamsAreNamed() {
    others.put(
        "ns/other", Streams.stream("ns", "other").streamTag("t", "ns", "web:latest").build());
    track("latest", "ImageStreamTag", "other:t", null);
    assertThat(resolve("latest"))
        .isEqualTo(
            "failed ReferenceCycle: tag references form a cycle: ns/web:latest -> ns/other:t ->"
                + " ns/web:latest");
  }

  @Test
  void aChainAcrossStreamsThatEndsElsewhereIsNoCycle() {
    others.put(
        "ns/other",
        withStatus(
            Streams.stream("ns", "other").streamTag("t", "ns", "third:1"),
            List.of(history("t", A)),
            List.of()));
    others.put("ns/third", Streams.stream("ns", "third").dockerImage("1", "nginx:1").build());
    track("latest", "ImageStreamTag", "other:t", null);
    assertThat(resolve("latest")).isEqualTo("resolved " + A);
  }

  @Test
  void crossStreamCyclesAreLookedForOverSixteenHops() {
    chainOfStreams(15);
    track("latest", "ImageStreamTag", "s1:t", null);
    assertThat(resolve("latest"))
        .as("back to ns/web:latest on the 16th hop")
        .startsWith("failed ReferenceCycle: tag references form a cycle: ns/web:latest -> ns/s1:t")
        .endsWith("ns/s15:t -> ns/web:latest");

    others.clear();
    chainOfStreams(16);
    assertThat(resolve("latest"))
        .as("a way back after 16 hops is not followed")
        .isEqualTo("failed NotFound: tag t of ImageStream ns/s1 has no image yet");
  }

  /** Streams s1 to sN in ns, each s_i:t following s_(i+1):t, and the last following web:latest. */
  private void chainOfStreams(int n) {
    for (int i = 1; i <= n; i++) {
      String next = i == n ? "web:latest" : "s" + (i + 1) + ":t";
      others.put("ns/s" + i, Streams.stream("ns", "s" + i).streamTag("t", "ns", next).build());
    }
  }

  // --- images by digest ---

  @Test
  void anImageOfThisStreamIsFoundByDigestOrUniquePrefix() {
    imported("1", A);
    statuses.put("2", history("2", B));
    statuses.put("ref", history("ref", ""));
    images.put(B, image(B));
    track("full", "ImageStreamImage", "web@" + A, null);
    track("prefix", "ImageStreamImage", "web@sha256:bbbb", null);
    track("unknown", "ImageStreamImage", "web@sha256:cccc", null);
    assertThat(resolve("full")).isEqualTo("resolved " + A);
    assertThat(resolve("prefix")).isEqualTo("resolved " + B + " with its record");
    assertThat(resolve("unknown"))
        .isEqualTo(
            "failed NotFound: image sha256:cccc not found in the history of ImageStream ns/web");
  }

  @Test
  void aPrefixOfTwoImagesIsAConflict() {
    statuses.put("1", history("1", A, A2, A));
    track("prefix", "ImageStreamImage", "web@sha256:aaaa", null);
    assertThat(resolve("prefix"))
        .isEqualTo(
            "failed Conflict: digest prefix sha256:aaaa matches 2 images of ImageStream ns/web");
  }

  @Test
  void anImageOfAnotherStreamNeedsTheStreamItsGrantAndItsHistory() {
    track("i", "ImageStreamImage", "base@" + A, "shared");
    assertThat(resolve("i")).isEqualTo("failed NotFound: ImageStream shared/base does not exist");

    others.put("shared/base", Streams.stream("shared", "base").build());
    assertThat(resolve("i"))
        .isEqualTo("failed Forbidden: " + ReferenceGrant.refusal("shared", "base", "ns"));

    others.put(
        "shared/base",
        Streams.stream("shared", "base").annotation(ReferenceGrant.ANNOTATION, "*").build());
    assertThat(resolve("i"))
        .as("a stream without a status has no history")
        .isEqualTo(
            "failed NotFound: image " + A + " not found in the history of ImageStream shared/base");

    others.put(
        "shared/base",
        withStatus(
            Streams.stream("shared", "base").annotation(ReferenceGrant.ANNOTATION, "*"),
            List.of(history("1", A)),
            List.of(image(A))));
    assertThat(resolve("i")).isEqualTo("resolved " + A + " with its record");
  }

  // --- helpers ---

  private String resolve(String tag) {
    return show(resolver().resolve(tag));
  }

  private TagReferenceResolver resolver() {
    TagReferenceResolver.LocalTags local =
        new TagReferenceResolver.LocalTags() {
          @Override
          public Optional<TagPlan> plan(String tag) {
            return Optional.ofNullable(plans.get(tag));
          }

          @Override
          public NamedTagEventList status(String tag) {
            return statuses.get(tag);
          }

          @Override
          public boolean pending(String tag) {
            return pending.contains(tag);
          }

          @Override
          public List<NamedTagEventList> statuses() {
            return List.copyOf(statuses.values());
          }

          @Override
          public Optional<Image> image(String digest) {
            return Optional.ofNullable(images.get(digest));
          }
        };
    return new TagReferenceResolver(
        "ns", "web", local, (ns, name) -> Optional.ofNullable(others.get(ns + "/" + name)));
  }

  private static String show(Resolution resolution) {
    if (resolution instanceof Resolution.Resolved r) {
      return "resolved " + r.event().image() + (r.image() == null ? "" : " with its record");
    }
    if (resolution instanceof Resolution.Failed f) {
      return "failed " + f.failure().reason() + ": " + f.failure().message();
    }
    return resolution instanceof Resolution.Waiting ? "waiting" : String.valueOf(resolution);
  }

  private void track(String tag, String kind, String name, String namespace) {
    plans.put(tag, new TagPlan.Track(tag, TagSource.of(kind, name, namespace), null));
  }

  private void imported(String tag, String digest) {
    statuses.put(tag, history(tag, digest));
  }

  private static NamedTagEventList history(String tag, String... digests) {
    List<TagEvent> items =
        java.util.Arrays.stream(digests)
            .map(d -> new TagEvent("2026-01-01T00:00:00Z", "example.com/app@" + d, d, 1L))
            .toList();
    return new NamedTagEventList(tag, items, null, null, null);
  }

  private static Image image(String digest) {
    return new Image(digest, "example.com/app@" + digest, null, null, null, null, null, null);
  }

  private static ImageStream withStatus(
      Streams stream, List<NamedTagEventList> tags, List<Image> images) {
    ImageStream s = stream.build();
    s.setStatus(
        new ImageStreamStatus(null, null, tags, null, null, images, null, null, null, null));
    return s;
  }
}
