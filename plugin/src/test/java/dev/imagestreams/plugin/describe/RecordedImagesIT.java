package dev.imagestreams.plugin.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.ImageManifest;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.plugin.cluster.CommandFailure;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.PushedIndex;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry path of {@code describe istag} and {@code get istag}: when the status has no
 * complete record of the image, it is read from the real distribution registry by the recorded
 * digest, with the user's registry credentials from {@code REGISTRY_AUTH_FILE}.
 */
class RecordedImagesIT {
  @RegisterExtension static final RegistryExtension BASIC = RegistryExtension.basicAuth();

  @TempDir Path dir;

  @Test
  void readsTheRecordedDigestWithTheUsersCredentials() throws Exception {
    PushedImage first = BASIC.pusher().pushOciImage("team/app", "1", Platform.LINUX_AMD64, 1);
    BASIC.pusher().pushOciImage("team/app", "1", Platform.LINUX_AMD64, 2); // the tag moved on
    ImageStream stream =
        recorded(BASIC.host() + "/team/app@" + first.digest(), first.digest(), null);

    Image image =
        RecordedImages.fromRegistries(true, Map.of("REGISTRY_AUTH_FILE", authFile().toString()))
            .find(stream, "1", event(stream));

    assertThat(image.name()).isEqualTo(first.digest());
    assertThat(image.dockerImageMetadata().architecture()).isEqualTo("amd64");
    assertThat(image.dockerImageLayers())
        .extracting(l -> l.name())
        .containsExactlyElementsOf(first.layers().stream().map(PushedImage.Layer::digest).toList());
  }

  @Test
  void aTruncatedStatusRecordIsCompletedFromTheRegistry() throws Exception {
    PushedIndex index = BASIC.pusher().pushOciIndex("team/multi", "1");
    Image truncated = new Image(index.digest(), null, null, "1.0", null, null, null, Boolean.TRUE);
    ImageStream stream =
        recorded(BASIC.host() + "/team/multi@" + index.digest(), index.digest(), truncated);

    Image image =
        RecordedImages.fromRegistries(true, Map.of("REGISTRY_AUTH_FILE", authFile().toString()))
            .find(stream, "1", event(stream));

    assertThat(image.dockerImageManifests())
        .extracting(ImageManifest::os, ImageManifest::architecture)
        .contains(
            org.assertj.core.groups.Tuple.tuple("linux", "amd64"),
            org.assertj.core.groups.Tuple.tuple("linux", "arm64"))
        .doesNotContain(org.assertj.core.groups.Tuple.tuple("unknown", "unknown"));
  }

  @Test
  void withoutCredentialsTheRegistrysAnswerIsOneLine() throws Exception {
    Path noCredentials = Files.writeString(dir.resolve("empty.json"), "{\"auths\": {}}");
    PushedImage first = BASIC.pusher().pushOciImage("team/app", "2", Platform.LINUX_AMD64, 3);
    ImageStream stream =
        recorded(BASIC.host() + "/team/app@" + first.digest(), first.digest(), null);

    assertThatThrownBy(
            () ->
                RecordedImages.fromRegistries(
                        true, Map.of("REGISTRY_AUTH_FILE", noCredentials.toString()))
                    .find(stream, "1", event(stream)))
        .isInstanceOf(CommandFailure.class)
        .hasMessageStartingWith(
            "cannot read the metadata of "
                + BASIC.host()
                + "/team/app@"
                + first.digest()
                + " from its registry (Unauthorized): ");
  }

  @Test
  void aMissingCredentialsFileNamedByRegistryAuthFileIsAnError() {
    String digest = "sha256:" + "a".repeat(64);
    ImageStream stream = recorded(BASIC.host() + "/team/app@" + digest, digest, null);

    assertThatThrownBy(
            () ->
                RecordedImages.fromRegistries(
                        true, Map.of("REGISTRY_AUTH_FILE", dir.resolve("none.json").toString()))
                    .find(stream, "1", event(stream)))
        .isInstanceOf(CommandFailure.class)
        .hasMessage(
            "the credentials file "
                + dir.resolve("none.json")
                + " (from REGISTRY_AUTH_FILE) does not exist");
  }

  @Test
  void anInvalidRecordedReferenceIsNamedAsSuch() {
    String digest = "sha256:" + "b".repeat(64);
    ImageStream stream = recorded("Team/App@" + digest, digest, null);

    assertThatThrownBy(
            () -> RecordedImages.fromRegistries(true, Map.of()).find(stream, "1", event(stream)))
        .isInstanceOf(CommandFailure.class)
        .hasMessageStartingWith(
            "the recorded image Team/App@" + digest + " is not a valid reference: ");
  }

  private Path authFile() throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (BASIC.credentials().username() + ":" + BASIC.credentials().password())
                    .getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("auth.json");
    Files.writeString(file, "{\"auths\":{\"" + BASIC.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    return file;
  }

  private static ImageStream recorded(String reference, String digest, Image record) {
    ImageStream stream = new ImageStream();
    stream.setMetadata(new ObjectMetaBuilder().withName("app").withNamespace("team").build());
    stream.setStatus(
        new ImageStreamStatus(
            null,
            null,
            List.of(
                new NamedTagEventList(
                    "1",
                    List.of(new TagEvent("2026-11-29T11:00:00Z", reference, digest, 1L)),
                    null,
                    null,
                    null)),
            null,
            null,
            record == null ? null : List.of(record),
            null,
            null,
            null,
            null));
    return stream;
  }

  private static TagEvent event(ImageStream stream) {
    return ImageStreamTags.currentEvent(stream, "1");
  }
}
