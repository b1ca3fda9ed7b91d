package dev.imagestreams.plugin.describe;

import static dev.imagestreams.plugin.testing.Fixtures.NOW;
import static dev.imagestreams.plugin.testing.Fixtures.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.plugin.cluster.CommandFailure;
import dev.imagestreams.plugin.output.OutputFormat;
import dev.imagestreams.plugin.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code describe} and {@code get} output against golden files, at a fixed time. */
class DescribeGoldenTest {
  private static final RecordedImages NO_REGISTRY =
      new RecordedImages(
          (reference, insecure) -> {
            throw new AssertionError("the status record must be used, not " + reference);
          });

  @ParameterizedTest(name = "{2}")
  @CsvSource({
    "python-single.yaml, is-python.txt, 'a stream with history, an alias and a pinned tag'",
    "multiarch-list.yaml, is-multiarch.txt, a stream with a manifest list",
    "failed-import.yaml, is-failed-import.txt, a stream with a failed import",
    "privileged.yaml, is-privileged.txt, a stream refused in a privileged namespace says why"
        + " instead of importing",
    "empty.yaml, is-empty.txt, an empty stream"
  })
  void describeStream(String fixture, String golden, String what) {
    Golden.assertMatches(golden, StreamDescriber.describe(stream(fixture), NOW));
  }

  @Test
  void tagWithSingleImage() {
    Golden.assertMatches("istag-python-3.12.txt", describeTag("python-single.yaml", "3.12"));
  }

  @Test
  void tagWithManifestList() {
    Golden.assertMatches("istag-multiarch-1.0.txt", describeTag("multiarch-list.yaml", "1.0"));
  }

  @Test
  void tagWithFailedImportStillDescribesItsLastImage() {
    ImageStream app = stream("failed-import.yaml");
    TagEvent event = ImageStreamTags.currentEvent(app, "2.0");
    RecordedImages registry =
        new RecordedImages(
            (reference, insecure) -> {
              throw dev.imagestreams.registry.error.RegistryException.of(
                  dev.imagestreams.registry.error.ErrorKind.NOT_FOUND, "manifest unknown");
            });
    assertThatThrownBy(() -> registry.find(app, "2.0", event))
        .isInstanceOf(CommandFailure.class)
        .hasMessage(
            "cannot read the metadata of registry.example.com/team/app@sha256:5555555555555555555555555555555555555555555555555555555555555555"
                + " from its registry (NotFound): manifest unknown");
  }

  @Test
  void aTagWithoutAnImageIsNotFoundAsInOpenShift() {
    assertThatThrownBy(() -> ImageStreamTags.currentEvent(stream("failed-import.yaml"), "nightly"))
        .hasMessage(
            "Error from server (NotFound): imagestreamtags.image.openshift.io \"app:nightly\" not"
                + " found");
  }

  @Test
  void getIsTable() {
    Golden.assertMatches(
        "get-is.txt",
        GetCommand.streamTable(
            List.of(
                stream("python-single.yaml"), stream("empty.yaml"), stream("multiarch-list.yaml")),
            NOW));
  }

  @Test
  void istagAsYamlHasOpenShiftsFieldNames() {
    Golden.assertMatches(
        "istag-python-stable.yaml",
        OutputFormat.parse("yaml").print(istag("python-single.yaml", "stable")));
  }

  @Test
  void istagOfAManifestListAsJson() {
    Golden.assertMatches(
        "istag-multiarch-1.0.json",
        OutputFormat.parse("json").print(istag("multiarch-list.yaml", "1.0")));
  }

  @Test
  void theDocsJsonPathListsTheTagsPlatforms() {
    ImageStreamTagObject tag = istag("multiarch-list.yaml", "1.0");
    String printed =
        OutputFormat.parse(
                "jsonpath={range .image.dockerImageManifests[*]}{.os}/{.architecture}{'\\n'}{end}")
            .print(tag);
    assertThat(printed).isEqualTo("linux/amd64\nlinux/arm64\n");
  }

  private static String describeTag(String fixture, String tag) {
    return ImageDescriber.describe(istag(fixture, tag), NOW);
  }

  /** The ImageStreamTag of a fixture's tag, from what its status recorded. */
  private static ImageStreamTagObject istag(String fixture, String tag) {
    ImageStream stream = stream(fixture);
    TagEvent event = ImageStreamTags.currentEvent(stream, tag);
    return ImageStreamTags.of(stream, tag, event, NO_REGISTRY.find(stream, tag, event));
  }
}
