package dev.imagestreams.engine.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.v1.ImageLookupPolicy;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamSpec;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagEventCondition;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagReferencePolicy;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.engine.planning.StreamLookup;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageLookupTest {
  static final String D1 =
      "sha256:1111111111111111111111111111111111111111111111111111111111111111";
  static final String D2 =
      "sha256:2222222222222222222222222222222222222222222222222222222222222222";

  /** A stream {@code demo/NAME} built step by step. */
  static final class S {
    final String name;
    Boolean local;
    String repository;
    final List<TagReference> spec = new ArrayList<>();
    final List<NamedTagEventList> status = new ArrayList<>();

    S(String name) {
      this.name = name;
    }

    S local(Boolean l) {
      local = l;
      return this;
    }

    S repository(String r) {
      repository = r;
      return this;
    }

    S spec(String tag, String policy) {
      spec.add(
          new TagReference(
              tag,
              null,
              TagSource.of("DockerImage", "docker.io/library/" + name + ":" + tag, null),
              null,
              null,
              null,
              policy == null ? null : new TagReferencePolicy(policy)));
      return this;
    }

    S item(String tag, String pullSpec, String digest) {
      status.add(
          new NamedTagEventList(
              tag,
              List.of(new TagEvent("2026-01-01T00:00:00Z", pullSpec, digest, 1L)),
              null,
              null,
              null));
      return this;
    }

    S failed(String tag, String message) {
      status.add(
          new NamedTagEventList(
              tag,
              null,
              List.of(
                  new TagEventCondition("ImportSuccess", "False", null, "NotFound", message, 1L)),
              null,
              null));
      return this;
    }

    ImageStream build() {
      ImageStream s = new ImageStream();
      s.setMetadata(new ObjectMetaBuilder().withNamespace("demo").withName(name).build());
      s.setSpec(
          new ImageStreamSpec(local == null ? null : new ImageLookupPolicy(local), null, spec));
      s.setStatus(
          new ImageStreamStatus(
              repository, null, status, null, null, null, null, null, null, null));
      return s;
    }
  }

  static StreamLookup streams(S... streams) {
    Map<String, ImageStream> byName = new java.util.HashMap<>();
    for (S s : streams) {
      byName.put(s.name, s.build());
    }
    return (ns, name) ->
        "demo".equals(ns) ? Optional.ofNullable(byName.get(name)) : Optional.empty();
  }

  static final StreamLookup PYTHON =
      streams(
          new S("python")
              .local(true)
              .spec("3.12", null)
              .item("3.12", "docker.io/library/python@" + D1, D1)
              .spec("latest", null)
              .item("latest", "docker.io/library/python:latest", D2)
              .spec("3.11", null)
              .failed("3.11", "manifest unknown")
              .spec("3.10", null),
          new S("ruby").local(false).item("3.3", "docker.io/library/ruby@" + D1, D1),
          new S("go").item("1", "docker.io/library/golang@" + D1, D1));

  @ParameterizedTest(name = "{0} (resolve-names {1})")
  @CsvSource(
      delimiter = '|',
      value = {
        // local names of a stream with local lookup: the tag's image, by digest
        "python:3.12 | false | docker.io/library/python@" + D1,
        "python | false | docker.io/library/python@" + D2,
        "python:latest | false | docker.io/library/python@" + D2,
        // with the annotation any name: registry and namespace dropped
        "quay.io/org/python:3.12 | true | docker.io/library/python@" + D1,
        "library/python:3.12 | true | docker.io/library/python@" + D1,
        "localhost:5000/python:3.12 | true | docker.io/library/python@" + D1,
        // the annotation resolves streams without local lookup too
        "ruby:3.3 | true | docker.io/library/ruby@" + D1,
        "go:1 | true | docker.io/library/golang@" + D1,
      })
  void resolves(String image, boolean resolveAll, String expected) {
    assertThat(ImageLookup.resolve(image, "demo", resolveAll, PYTHON))
        .isInstanceOfSatisfying(
            LookupResult.Rewrite.class, r -> assertThat(r.image()).isEqualTo(expected));
  }

  @ParameterizedTest(name = "{0} (resolve-names {1}): {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "python@" + D1 + " | false | a digest reference is never rewritten",
        "python:3.12@" + D1 + " | true | a digest reference is never rewritten",
        "quay.io/org/python:3.12 | false | not a local name",
        "library/python:3.12 | false | not a local name",
        "docker.io/python:3.12 | false | not a local name",
        "busybox | false | no ImageStream demo/busybox",
        "busybox | true | no ImageStream demo/busybox",
        "ruby:3.3 | false | ImageStream demo/ruby does not set lookupPolicy.local",
        "go:1 | false | ImageStream demo/go does not set lookupPolicy.local",
        "Python:3.12 | false | not a valid image reference",
        "python:3.12: | false | not a valid image reference",
        "python@sha256:12 | false | not a valid image reference",
        "'' | false | not a valid image reference",
        "quay.io/org/python:3.10 | true | ImageStream demo/python has no image for tag 3.10; kept as"
            + " written",
      })
  void leaves(String image, boolean resolveAll, String why) {
    assertThat(ImageLookup.resolve(image, "demo", resolveAll, PYTHON))
        .isEqualTo(new LookupResult.Unchanged(why));
  }

  @Test
  void aNullImageIsLeft() {
    assertThat(ImageLookup.resolve(null, "demo", false, PYTHON))
        .isInstanceOf(LookupResult.Unchanged.class);
  }

  @Test
  void anotherNamespacesStreamsAreNotLookedAt() {
    assertThat(ImageLookup.resolve("python:3.12", "other", false, PYTHON))
        .isEqualTo(new LookupResult.Unchanged("no ImageStream other/python"));
  }

  @Test
  void aLocalNameWhoseTagHasNoImageIsRefusedSayingWhy() {
    assertThat(ImageLookup.resolve("python:3.11", "demo", false, PYTHON))
        .isEqualTo(
            new LookupResult.Refusal(
                "image \"python:3.11\" could not be resolved: ImageStream demo/python resolves"
                    + " local names (lookupPolicy.local), but tag 3.11 has no image: its import"
                    + " failed: manifest unknown (refused rather than pulled from docker.io)"));
    assertThat(ImageLookup.resolve("python:3.10", "demo", false, PYTHON))
        .isInstanceOfSatisfying(
            LookupResult.Refusal.class,
            r ->
                assertThat(r.message())
                    .endsWith(
                        "tag 3.10 has no image: it has not been imported"
                            + " yet (refused rather than pulled from docker.io)"));
    assertThat(ImageLookup.resolve("python:3.9", "demo", false, PYTHON))
        .isInstanceOfSatisfying(
            LookupResult.Refusal.class,
            r ->
                assertThat(r.message())
                    .contains("tag 3.9 has no image: the stream has no tag 3.9"));
    assertThat(ImageLookup.resolve("ruby:3.2", "demo", true, PYTHON))
        .isInstanceOfSatisfying(
            LookupResult.Refusal.class,
            r ->
                assertThat(r.message())
                    .startsWith(
                        "image \"ruby:3.2\" could not be resolved: ImageStream demo/ruby is asked"
                            + " for by the resolve-names annotation, but tag 3.2 has no image"));
  }

  @Test
  void aMissingTagOfAStreamWithARepositoryBecomesTheRepositorysTag() {
    StreamLookup s =
        streams(
            new S("python").local(true).repository("registry.local/demo/python"),
            new S("ruby").repository("registry.local/demo/ruby"));
    assertThat(ImageLookup.resolve("python:3.12", "demo", false, s))
        .isEqualTo(
            new LookupResult.Rewrite("registry.local/demo/python:3.12", "demo/python", "3.12"));
    assertThat(ImageLookup.resolve("quay.io/x/ruby", "demo", true, s))
        .isEqualTo(
            new LookupResult.Rewrite("registry.local/demo/ruby:latest", "demo/ruby", "latest"));
    assertThat(ImageLookup.resolve("ruby", "demo", false, s))
        .isEqualTo(
            new LookupResult.Unchanged("ImageStream demo/ruby does not set lookupPolicy.local"));
    StreamLookup empty = streams(new S("python").local(true).repository(""));
    assertThat(ImageLookup.resolve("python:3.12", "demo", false, empty))
        .isInstanceOf(LookupResult.Refusal.class);
  }

  @Test
  void referencePolicies() {
    StreamLookup s =
        streams(
            new S("app")
                .local(true)
                .repository("registry.local/demo/app")
                .spec("src", "Source")
                .item("src", "quay.io/org/app:1", D1)
                .spec("loc", "Local")
                .item("loc", "quay.io/org/app@" + D2, D2)
                .item("nospec", "quay.io/org/app@" + D1, D1),
            new S("bare")
                .local(true)
                .spec("loc", "Local")
                .item("loc", "quay.io/org/bare@" + D2, D2));
    assertThat(rewrite("app:src", s)).isEqualTo("quay.io/org/app@" + D1);
    assertThat(rewrite("app:loc", s)).isEqualTo("registry.local/demo/app@" + D2);
    assertThat(rewrite("app:nospec", s)).isEqualTo("quay.io/org/app@" + D1);
    assertThat(rewrite("bare:loc", s))
        .as("Local without a repository falls back to Source")
        .isEqualTo("quay.io/org/bare@" + D2);
  }

  @Test
  void aReferenceTagResolvesToThePullSpecItRecords() {
    StreamLookup s =
        streams(
            new S("app").local(true).item("ref", "quay.io/org/app:1", "").item("none", "", null));
    assertThat(rewrite("app:ref", s)).isEqualTo("quay.io/org/app:1");
    assertThat(ImageLookup.resolve("app:none", "demo", false, s))
        .isInstanceOf(LookupResult.Refusal.class);
    StreamLookup noPullSpec = streams(new S("app").local(true).item("x", null, D1));
    assertThat(ImageLookup.resolve("app:x", "demo", false, noPullSpec))
        .isInstanceOf(LookupResult.Refusal.class);
  }

  @Test
  void aStreamWithoutSpecOrStatusResolvesNothing() {
    ImageStream bare = new ImageStream();
    bare.setMetadata(new ObjectMetaBuilder().withNamespace("demo").withName("x").build());
    bare.setSpec(null);
    assertThat(ImageLookup.localLookup(bare)).isFalse();
    assertThat(ImageLookup.resolve("x", "demo", true, (ns, n) -> Optional.of(bare)))
        .isInstanceOf(LookupResult.Refusal.class);
    bare.setSpec(new ImageStreamSpec(new ImageLookupPolicy(null), null, null));
    assertThat(ImageLookup.localLookup(bare)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "quay.io/org/app:1 | quay.io/org/app",
        "quay.io/org/app@" + D1 + " | quay.io/org/app",
        "localhost:5000/app | localhost:5000/app",
        "localhost:5000/app:2@" + D1 + " | localhost:5000/app",
        "app | app",
      })
  void theRepositoryOfAPullSpec(String pullSpec, String repository) {
    assertThat(ImageLookup.repositoryOf(pullSpec)).isEqualTo(repository);
  }

  private static String rewrite(String image, StreamLookup s) {
    LookupResult r = ImageLookup.resolve(image, "demo", false, s);
    assertThat(r).isInstanceOf(LookupResult.Rewrite.class);
    return ((LookupResult.Rewrite) r).image();
  }
}
