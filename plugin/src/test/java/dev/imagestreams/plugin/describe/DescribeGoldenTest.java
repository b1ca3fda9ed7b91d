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

/** {@code describe} and {@code get} output against golden files, at a fixed time. */
class DescribeGoldenTest {
  private static final RecordedImages NO_REGISTRY =
      new RecordedImages(
          (reference, insecure) -> {
            throw new AssertionError("the status record must be used, not " + reference);
          });

  @Test
  void streamWithHistoryAliasAndPinnedTag() {
    Golden.assertMatches(
        "is-python.txt", StreamDescriber.describe(stream("python-single.yaml"), NOW));
  }

  @Test
  void streamWithManifestList() {
    Golden.assertMatches(
        "is-multiarch.txt", StreamDescriber.describe(stream("multiarch-list.yaml"), NOW));
  }

  @Test
  void streamWithFailedImport() {
    Golden.assertMatches(
        "is-failed-import.txt", StreamDescriber.describe(stream("failed-import.yaml"), NOW));
  }

  @Test
  void streamRefusedInAPrivilegedNamespaceSaysWhyInsteadOfImporting() {
    Golden.assertMatches(
        "is-privileged.txt", StreamDescriber.describe(stream("privileged.yaml"), NOW));
  }

  @Test
  void emptyStream() {
    Golden.assertMatches("is-empty.txt", StreamDescriber.describe(stream("empty.yaml"), NOW));
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
