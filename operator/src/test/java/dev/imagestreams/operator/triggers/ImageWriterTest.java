package dev.imagestreams.operator.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.triggers.ImageWrite;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON patch of a trigger write: each image replaced only after testing the container's name
 * and the image the decision was made from, under the kind's pod spec.
 */
class ImageWriterTest {
  @Test
  void testsNameAndImageThenReplacesUnderTheKindsPodSpec() {
    String patch =
        ImageWriter.patch(
            WorkloadKind.DEPLOYMENT,
            List.of(
                new ImageWrite(false, 1, "web", "old", "new@sha256:1", "team/app:latest"),
                new ImageWrite(true, 0, "setup", "i", "tools@sha256:2", "team/tools:1")));

    assertThat(patch)
        .isEqualTo(
            "[{\"op\":\"test\",\"path\":\"/spec/template/spec/containers/1/name\",\"value\":\"web\"},"
                + "{\"op\":\"test\",\"path\":\"/spec/template/spec/containers/1/image\",\"value\":\"old\"},"
                + "{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/1/image\",\"value\":\"new@sha256:1\"},"
                + "{\"op\":\"test\",\"path\":\"/spec/template/spec/initContainers/0/name\",\"value\":\"setup\"},"
                + "{\"op\":\"test\",\"path\":\"/spec/template/spec/initContainers/0/image\",\"value\":\"i\"},"
                + "{\"op\":\"replace\",\"path\":\"/spec/template/spec/initContainers/0/image\",\"value\":\"tools@sha256:2\"}]");
  }

  @Test
  void aCronJobsPodSpecIsUnderItsJobTemplateAndAContainerWithoutAnImageGetsOne() {
    String patch =
        ImageWriter.patch(
            WorkloadKind.CRON_JOB,
            List.of(new ImageWrite(false, 0, "job", null, "new", "team/app:1")));

    assertThat(patch)
        .isEqualTo(
            "[{\"op\":\"test\",\"path\":\"/spec/jobTemplate/spec/template/spec/containers/0/name\",\"value\":\"job\"},"
                + "{\"op\":\"add\",\"path\":\"/spec/jobTemplate/spec/template/spec/containers/0/image\",\"value\":\"new\"}]");
  }

  @Test
  void itsFieldManagerIsItsOwn() {
    assertThat(ImageWriter.FIELD_MANAGER).isEqualTo("imagestream-triggers");
  }
}
