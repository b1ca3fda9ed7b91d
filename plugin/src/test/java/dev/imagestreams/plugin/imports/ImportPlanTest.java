package dev.imagestreams.plugin.imports;

import static dev.imagestreams.plugin.testing.Fixtures.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.api.v1.ImageStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code oc import-image}'s rules and messages. */
class ImportPlanTest {
  private static final ImageStream PYTHON = stream("python-single.yaml");

  private static ImportPlan plan(
      String name, String from, boolean confirm, Optional<ImageStream> s) {
    return ImportPlan.plan(new ImportPlan.Request(name, from, confirm, null, null, null), s);
  }

  @Test
  void reimportsAnExistingTagWithoutWritingIt() {
    ImportPlan plan = plan("python:3.12", null, false, Optional.of(PYTHON));
    assertThat(plan).isEqualTo(new ImportPlan("python", "3.12", null));
  }

  @Test
  void anAliasIsFollowedToTheTagItTracks() {
    assertThat(plan("python", null, false, Optional.of(PYTHON)).tag()).isEqualTo("3.12");
  }

  @Test
  void aPinnedTagCannotBeReimported() {
    assertThatThrownBy(() -> plan("python:stable", null, false, Optional.of(PYTHON)))
        .hasMessage(
            "tag \"stable\" points to existing ImageStreamImage"
                + " \"python@sha256:1111111111111111111111111111111111111111111111111111111111111111\","
                + " it cannot be re-imported");
  }

  @Test
  void changingTheSourceNeedsTheTagCommand() {
    assertThatThrownBy(
            () -> plan("python:3.12", "docker.io/python:3.13", false, Optional.of(PYTHON)))
        .hasMessage(
            "tag \"3.12\" already exists - you must use the 'tag' command if you want to change the"
                + " source to \"docker.io/python:3.13\"");
  }

  @Test
  void aMissingStreamNeedsConfirm() {
    assertThatThrownBy(() -> plan("ruby:3", "docker.io/ruby:3", false, Optional.empty()))
        .hasMessage("no image stream named \"ruby\" exists, pass --confirm to create and import");
    ImportPlan created = plan("ruby:3", "docker.io/ruby:3", true, Optional.empty());
    assertThat(created.write().from().name()).isEqualTo("docker.io/ruby:3");
    assertThat(plan("ruby", null, true, Optional.empty()).write().from().name())
        .isEqualTo("ruby:latest");
  }

  @Test
  void aMissingTagNeedsFromOrConfirm() {
    assertThatThrownBy(() -> plan("python:4", null, false, Optional.of(PYTHON)))
        .hasMessageStartingWith("the tag \"4\" does not exist on the image stream");
    assertThat(plan("python:4", "docker.io/python:4", false, Optional.of(PYTHON)).write().name())
        .isEqualTo("4");
  }

  @Test
  void importFlagsRewriteTheTagOnlyWhenTheyChangeIt() {
    ImportPlan unscheduled =
        ImportPlan.plan(
            new ImportPlan.Request("python:3.12", null, false, false, null, null),
            Optional.of(PYTHON));
    assertThat(unscheduled.write().scheduledImport()).isFalse();
    assertThat(unscheduled.write().insecureImport()).as("kept").isTrue();
    ImportPlan same =
        ImportPlan.plan(
            new ImportPlan.Request("python:3.12", null, false, true, true, null),
            Optional.of(PYTHON));
    assertThat(same.write()).isNull();
  }

  @Test
  void byIdAndBadModesAreRefused() {
    assertThatThrownBy(() -> plan("python@sha256:1", null, false, Optional.of(PYTHON)))
        .hasMessage("to import images by ID, use the 'tag' command");
    assertThatThrownBy(
            () ->
                ImportPlan.plan(
                    new ImportPlan.Request("python:3.12", null, false, null, null, "Newest"),
                    Optional.of(PYTHON)))
        .hasMessage("valid ImportMode values are Legacy or PreserveOriginal");
  }
}
