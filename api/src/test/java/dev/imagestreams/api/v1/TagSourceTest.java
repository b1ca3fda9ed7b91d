package dev.imagestreams.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TagSourceTest {
  private static Optional<StreamReference> resolve(String kind, String name, String namespace) {
    return TagSource.of(kind, name, namespace).streamReference("team", "app");
  }

  @ParameterizedTest(name = "{0} {1} in namespace \"{2}\"")
  @CsvSource(
      nullValues = "-",
      value = {
        "ImageStreamTag,   latest,            -,     team,  app,    latest, -",
        "ImageStreamTag,   python:3.12,       -,     team,  python, 3.12,   -",
        "ImageStreamTag,   python:3.12,       '',    team,  python, 3.12,   -",
        "ImageStreamTag,   python:3.12,       base,  base,  python, 3.12,   -",
        "ImageStreamImage, python@sha256:ab,  -,     team,  python, -,      sha256:ab",
        "ImageStreamImage, python@sha256:ab,  base,  base,  python, -,      sha256:ab",
      })
  void streamReferencesResolveRelativeToTheStreamHoldingTheTag(
      String kind,
      String name,
      String namespace,
      String ns,
      String stream,
      String tag,
      String digest) {
    assertThat(resolve(kind, name, namespace))
        .contains(new StreamReference(ns, stream, tag, digest));
  }

  @ParameterizedTest
  @ValueSource(strings = {":latest", "python:", "a:b:c", "python@sha256:ab", ""})
  void malformedImageStreamTagNamesResolveToNothing(String name) {
    assertThat(resolve(TagSource.IMAGE_STREAM_TAG, name, null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"python", "@sha256:ab", "python@", "a@b@c", "python:3.12"})
  void malformedImageStreamImageNamesResolveToNothing(String name) {
    assertThat(resolve(TagSource.IMAGE_STREAM_IMAGE, name, null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"python:3.12", "docker.io/library/python@sha256:ab"})
  void dockerImagesAreNotStreamReferences(String name) {
    assertThat(resolve(TagSource.DOCKER_IMAGE, name, null)).isEmpty();
  }
}
