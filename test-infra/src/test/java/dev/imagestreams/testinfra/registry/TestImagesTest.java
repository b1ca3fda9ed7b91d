package dev.imagestreams.testinfra.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class TestImagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Pinned digests: if one changes, every test that asserts a digest, and every seeded fixture,
   * changes with it. Change them only on purpose.
   */
  @Test
  void digestsArePinned() {
    assertEquals(
        "sha256:7f29ddc0f5e1153a453d245f8102274bb9ecf7dffdda22647fea0c7f3b968b0d",
        TestImages.ociImage(Platform.LINUX_AMD64, 0).digest());
    assertEquals(
        "sha256:6f3bd2eb1a5eb1751829a5cc1251879e34e5210f5ec9cb735977b43b4022291d",
        TestImages.dockerImage(Platform.LINUX_AMD64, 0).digest());
    assertEquals(
        "sha256:02d70c19ca38065350dc530d35e0561fe9c7829cd4d5edac6af99e06721f1d28",
        TestImages.ociIndex(0).digest());
    assertEquals(
        "sha256:dda1eaf04630a704b85dcc0f400bafd39c6c25d1418ad54e0140b39a301998aa",
        TestImages.dockerManifestList(0).digest());
  }

  @Test
  void sameInputsGiveSameBytes() {
    assertArrayEquals(TestImages.ociIndex(3).manifest(), TestImages.ociIndex(3).manifest());
    assertEquals(TestImages.dockerManifestList(3), TestImages.dockerManifestList(3));
    TestImages.Image first = TestImages.ociImage(Platform.LINUX_ARM64_V8, 7);
    TestImages.Image second = TestImages.ociImage(Platform.LINUX_ARM64_V8, 7);
    assertEquals(first.blobs(), second.blobs());
  }

  @Test
  void revisionAndPlatformChangeTheDigest() {
    TestImages.Image base = TestImages.ociImage(Platform.LINUX_AMD64, 0);
    TestImages.Image next = TestImages.ociImage(Platform.LINUX_AMD64, 1);
    assertNotEquals(base.digest(), next.digest());
    assertEquals(
        base.layers().get(0), next.layers().get(0), "the base layer is shared across revisions");
    assertNotEquals(base.layers().get(1), next.layers().get(1));
    assertNotEquals(base.digest(), TestImages.ociImage(Platform.LINUX_ARM64_V8, 0).digest());
    assertNotEquals(TestImages.ociIndex(0).digest(), TestImages.ociIndex(1).digest());
  }

  @Test
  void configIsACompleteImageConfig() throws IOException {
    TestImages.Image image = TestImages.ociImage(Platform.LINUX_ARM64_V8, 5);
    JsonNode config = JSON.readTree(image.config().content());
    assertEquals(TestImages.CREATED, config.get("created").asText());
    assertEquals("imagestream-operator tests", config.get("author").asText());
    assertEquals("arm64", config.get("architecture").asText());
    assertEquals("linux", config.get("os").asText());
    assertEquals("v8", config.get("variant").asText());
    JsonNode runtime = config.get("config");
    assertEquals("1000:1000", runtime.get("User").asText());
    assertTrue(runtime.get("ExposedPorts").has("8080/tcp"));
    assertTrue(runtime.get("Env").get(0).asText().startsWith("PATH="));
    assertEquals("/app/bin/server", runtime.get("Entrypoint").get(0).asText());
    assertEquals("--port", runtime.get("Cmd").get(0).asText());
    assertEquals("/app", runtime.get("WorkingDir").asText());
    assertEquals("5", runtime.get("Labels").get(TestImages.REVISION_LABEL).asText());
    assertTrue(runtime.get("Volumes").has("/data"));
    assertEquals("layers", config.get("rootfs").get("type").asText());
    assertEquals(
        image.diffIds(),
        List.of(
            config.get("rootfs").get("diff_ids").get(0).asText(),
            config.get("rootfs").get("diff_ids").get(1).asText()));
    assertEquals(2, config.get("history").size());
    assertTrue(TestImages.ociImage(Platform.LINUX_AMD64, 5).config().content().length > 0);
    assertTrue(
        !JSON.readTree(TestImages.ociImage(Platform.LINUX_AMD64, 5).config().content())
            .has("variant"));
  }

  @Test
  void manifestReferencesConfigAndLayersWithTheirMediaTypes() throws IOException {
    TestImages.Image oci = TestImages.ociImage(Platform.LINUX_AMD64, 0);
    JsonNode manifest = JSON.readTree(oci.manifest());
    assertEquals(2, manifest.get("schemaVersion").asInt());
    assertEquals(MediaTypes.OCI_MANIFEST, manifest.get("mediaType").asText());
    assertEquals(MediaTypes.OCI_CONFIG, manifest.get("config").get("mediaType").asText());
    assertEquals(oci.config().digest(), manifest.get("config").get("digest").asText());
    assertEquals(oci.config().size(), manifest.get("config").get("size").asLong());
    assertEquals(2, manifest.get("layers").size());
    for (int i = 0; i < 2; i++) {
      assertEquals(
          MediaTypes.OCI_LAYER_GZIP, manifest.get("layers").get(i).get("mediaType").asText());
      assertEquals(
          oci.layers().get(i).digest(), manifest.get("layers").get(i).get("digest").asText());
    }
    JsonNode docker = JSON.readTree(TestImages.dockerImage(Platform.LINUX_AMD64, 0).manifest());
    assertEquals(MediaTypes.DOCKER_MANIFEST, docker.get("mediaType").asText());
    assertEquals(MediaTypes.DOCKER_CONFIG, docker.get("config").get("mediaType").asText());
    assertEquals(
        MediaTypes.DOCKER_LAYER_GZIP, docker.get("layers").get(0).get("mediaType").asText());
  }

  @Test
  void layersAreGzippedTarsWhoseDigestsAreTheDiffIds() throws Exception {
    TestImages.Image image = TestImages.dockerImage(Platform.LINUX_AMD64, 2);
    for (int i = 0; i < image.layers().size(); i++) {
      byte[] gzip = image.layers().get(i).content();
      byte[] tar;
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
        tar = in.readAllBytes();
      }
      assertEquals(image.diffIds().get(i), Digests.sha256(tar));
      assertEquals(0, tar.length % 512);
    }
    String listing = tarListing(image.layers().get(1).content());
    assertTrue(listing.contains("-rwxr-xr-x root/root"), listing);
    assertTrue(listing.contains("2024-01-01 00:00 app/bin/server"), listing);
    assertTrue(listing.contains("drwxr-xr-x root/root         0 2024-01-01 00:00 app/"), listing);
    assertTrue(tarListing(image.layers().get(0).content()).contains("etc/os-release"));
  }

  @Test
  void ociIndexHasTwoPlatformsAndAnAttestation() throws IOException {
    TestImages.Index index = TestImages.ociIndex(0);
    JsonNode json = JSON.readTree(index.manifest());
    assertEquals(MediaTypes.OCI_INDEX, json.get("mediaType").asText());
    JsonNode entries = json.get("manifests");
    assertEquals(3, entries.size());
    assertEquals("amd64", entries.get(0).get("platform").get("architecture").asText());
    assertEquals("arm64", entries.get(1).get("platform").get("architecture").asText());
    assertEquals("v8", entries.get(1).get("platform").get("variant").asText());
    JsonNode attestation = entries.get(2);
    assertEquals("unknown", attestation.get("platform").get("os").asText());
    assertEquals("unknown", attestation.get("platform").get("architecture").asText());
    assertEquals(
        "attestation-manifest",
        attestation.get("annotations").get("vnd.docker.reference.type").asText());
    assertEquals(
        index.children().get(0).digest(),
        attestation.get("annotations").get("vnd.docker.reference.digest").asText());
    for (int i = 0; i < 3; i++) {
      assertEquals(index.children().get(i).digest(), entries.get(i).get("digest").asText());
      assertEquals(index.children().get(i).manifest().length, entries.get(i).get("size").asLong());
    }
    TestImages.Image attestationImage = index.children().get(2);
    assertEquals(MediaTypes.IN_TOTO, attestationImage.layers().get(0).mediaType());
    JsonNode statement = JSON.readTree(attestationImage.layers().get(0).content());
    assertEquals(
        Digests.hex(index.children().get(0).digest()),
        statement.get("subject").get(0).get("digest").get("sha256").asText());
  }

  @Test
  void dockerManifestListHasTwoDockerChildren() throws IOException {
    TestImages.Index list = TestImages.dockerManifestList(0);
    JsonNode json = JSON.readTree(list.manifest());
    assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, json.get("mediaType").asText());
    assertEquals(2, json.get("manifests").size());
    for (JsonNode entry : json.get("manifests")) {
      assertEquals(MediaTypes.DOCKER_MANIFEST, entry.get("mediaType").asText());
    }
  }

  private static String tarListing(byte[] gzip) throws Exception {
    Process tar =
        new ProcessBuilder("tar", "--utc", "-tvzf", "-").redirectErrorStream(true).start();
    try (OutputStream in = tar.getOutputStream()) {
      in.write(gzip);
    }
    String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(tar.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, tar.exitValue(), output);
    return output;
  }
}
