package dev.imagestreams.testinfra.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RequiresBuilt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@RequiresBuilt(BuiltBinary.CRANE)
class ImagePusherIT {

  @RegisterExtension static RegistryExtension registry = RegistryExtension.anonymous();

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void pushesOciImageThatReadsBackByteForByte() throws IOException {
    PushedImage image = registry.pusher().pushOciImage("push/oci", "1.0", Platform.LINUX_AMD64);

    assertEquals(MediaTypes.OCI_MANIFEST, image.mediaType());
    assertEquals(TestImages.ociImage(Platform.LINUX_AMD64, 0).digest(), image.digest());
    assertEquals(Digests.sha256(image.manifest()), image.digest());
    assertEquals(registry.host() + "/push/oci:1.0", image.reference());
    assertEquals(registry.host() + "/push/oci@" + image.digest(), image.digestReference());
    assertManifestServed(image.repository(), image.tag(), image.manifest(), image.mediaType());
    assertManifestServed(image.repository(), image.digest(), image.manifest(), image.mediaType());
    assertArrayEquals(image.manifest(), Crane.manifest(image.reference()));

    HttpResponse<byte[]> config = Http.get(blob(image.repository(), image.configDigest()));
    assertEquals(200, config.statusCode());
    assertEquals(image.configDigest(), Digests.sha256(config.body()));
    assertEquals(image.config().size(), config.body().length);
    assertEquals("amd64", JSON.readTree(config.body()).get("architecture").asText());

    assertEquals(2, image.layers().size());
    for (PushedImage.Layer layer : image.layers()) {
      assertEquals(MediaTypes.OCI_LAYER_GZIP, layer.mediaType());
      HttpResponse<byte[]> blob = Http.get(blob(image.repository(), layer.digest()));
      assertEquals(200, blob.statusCode());
      assertEquals(layer.digest(), Digests.sha256(blob.body()));
      assertEquals(layer.size(), blob.body().length);
      try (GZIPInputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(blob.body()))) {
        assertEquals(layer.diffId(), Digests.sha256(gunzip.readAllBytes()));
      }
    }
  }

  @Test
  void pushesDockerImage() {
    PushedImage image = registry.pusher().pushDockerImage("push/docker", "1.0");
    assertEquals(MediaTypes.DOCKER_MANIFEST, image.mediaType());
    assertEquals(MediaTypes.DOCKER_CONFIG, image.config().mediaType());
    assertEquals(MediaTypes.DOCKER_LAYER_GZIP, image.layers().get(0).mediaType());
    assertEquals(TestImages.dockerImage(Platform.LINUX_AMD64, 0).digest(), image.digest());
    assertManifestServed(image.repository(), image.tag(), image.manifest(), image.mediaType());
    assertArrayEquals(image.manifest(), Crane.manifest(image.reference()));
  }

  @Test
  void pushesOciIndexWithChildrenByDigest() throws IOException {
    PushedIndex index = registry.pusher().pushOciIndex("push/oci-index", "multi");

    assertEquals(MediaTypes.OCI_INDEX, index.mediaType());
    assertEquals(TestImages.ociIndex(0).digest(), index.digest());
    assertEquals(3, index.children().size());
    assertEquals(2, index.images().size());
    assertEquals(1, index.attestations().size());
    assertManifestServed(index.repository(), index.tag(), index.manifest(), index.mediaType());
    assertArrayEquals(index.manifest(), Crane.manifest(index.reference()));
    for (PushedImage child : index.children()) {
      assertNull(child.tag());
      assertEquals(child.digestReference(), child.reference());
      assertManifestServed(
          index.repository(), child.digest(), child.manifest(), MediaTypes.OCI_MANIFEST);
    }
    PushedImage arm64 = index.child(Platform.LINUX_ARM64_V8);
    // crane picks the arm64/v8 child of the index and prints that child's config
    assertArrayEquals(
        TestImages.ociImage(Platform.LINUX_ARM64_V8, 0).config().content(),
        Crane.config(index.reference(), Platform.LINUX_ARM64_V8));
    assertEquals(
        arm64.configDigest(), TestImages.ociImage(Platform.LINUX_ARM64_V8, 0).config().digest());
    JsonNode attestation = JSON.readTree(index.manifest()).get("manifests").get(2);
    assertEquals(
        index.child(Platform.LINUX_AMD64).digest(),
        attestation.get("annotations").get("vnd.docker.reference.digest").asText());
  }

  @Test
  void pushesDockerManifestList() {
    PushedIndex list = registry.pusher().pushDockerManifestList("push/docker-list", "multi");
    assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, list.mediaType());
    assertEquals(TestImages.dockerManifestList(0).digest(), list.digest());
    assertEquals(2, list.children().size());
    assertManifestServed(list.repository(), list.tag(), list.manifest(), list.mediaType());
    assertArrayEquals(list.manifest(), Crane.manifest(list.reference()));
    PushedImage arm64 = list.child(Platform.LINUX_ARM64_V8);
    assertEquals(MediaTypes.DOCKER_MANIFEST, arm64.mediaType());
    assertArrayEquals(
        TestImages.dockerImage(Platform.LINUX_ARM64_V8, 0).config().content(),
        Crane.config(list.reference(), Platform.LINUX_ARM64_V8));
  }

  @Test
  void sameContentGivesSameDigestsInAnyRepository() {
    ImagePusher pusher = registry.pusher();
    PushedIndex first = pusher.pushOciIndex("determinism/one", "x");
    PushedIndex second = pusher.pushOciIndex("determinism/two", "y");
    assertEquals(first.digest(), second.digest());
    assertArrayEquals(first.manifest(), second.manifest());
    assertEquals(
        first.children().stream().map(PushedImage::digest).toList(),
        second.children().stream().map(PushedImage::digest).toList());
  }

  @Test
  void retargetsTagToNewRevisionAndBack() {
    ImagePusher pusher = registry.pusher();
    PushedImage first = pusher.pushOciImage("retag/app", "stable", Platform.LINUX_AMD64, 1);
    PushedImage second = pusher.pushOciImage("retag/app", "stable", Platform.LINUX_AMD64, 2);
    assertNotEquals(first.digest(), second.digest());
    assertEquals(second.digest(), pusher.fetchManifest("retag/app", "stable").digest());

    assertEquals(first.digest(), pusher.tag("retag/app", first.digest(), "stable"));
    assertEquals(first.digest(), pusher.fetchManifest("retag/app", "stable").digest());
    assertEquals(first.digest(), pusher.tag("retag/app", first.digest(), "other"));
    ImagePusher.Manifest other = pusher.fetchManifest("retag/app", "other");
    assertArrayEquals(first.manifest(), other.body());
    assertEquals(MediaTypes.OCI_MANIFEST, other.mediaType());

    PushedIndex list = pusher.pushDockerManifestList("retag/list", "v1", 1);
    PushedIndex newer = pusher.pushDockerManifestList("retag/list", "v1", 2);
    assertNotEquals(list.digest(), newer.digest());
    assertEquals(newer.digest(), pusher.fetchManifest("retag/list", "v1").digest());
  }

  @Test
  void deletesManifestByDigest() {
    ImagePusher pusher = registry.pusher();
    PushedImage image = pusher.pushDockerImage("delete/app", "gone");
    pusher.deleteManifest(image.repository(), image.digest());
    assertEquals(404, Http.get(manifest(image.repository(), image.digest())).statusCode());
    assertEquals(404, Http.get(manifest(image.repository(), "gone")).statusCode());
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class, () -> pusher.fetchManifest(image.repository(), "gone"));
    assertTrue(missing.getMessage().contains("MANIFEST_UNKNOWN"), missing.getMessage());
  }

  @Test
  void skipsBlobsTheRepositoryAlreadyHas() {
    FaultProxy proxy = FaultProxy.start(registry.baseUri());
    try (proxy) {
      ImagePusher pusher = new ImagePusher(proxy.baseUri());
      pusher.pushOciImage("skip/app", "1", Platform.LINUX_AMD64, 0);
      assertEquals(3, proxy.count("POST", "/v2/skip/app/blobs/uploads/"));
      proxy.clearRequests();
      pusher.pushOciImage("skip/app", "2", Platform.LINUX_AMD64, 1);
      assertEquals(3, proxy.count("HEAD", "/v2/skip/app/blobs/sha256:.*"));
      assertEquals(2, proxy.count("POST", "/v2/skip/app/blobs/uploads/"), "base layer reused");
      assertEquals(1, proxy.count("PUT", "/v2/skip/app/manifests/2"));
    }
  }

  @Test
  void headOnManifestAnnouncesDigestAndSizeWithoutBody() {
    PushedImage image = registry.pusher().pushOciImage("head/app", "1", Platform.LINUX_AMD64);
    HttpResponse<byte[]> head =
        Http.head(manifest(image.repository(), "1"), "Accept", MediaTypes.ACCEPT_ALL_MANIFESTS);
    assertEquals(200, head.statusCode());
    assertEquals(0, head.body().length);
    assertEquals(image.digest(), Http.header(head, "Docker-Content-Digest"));
    assertEquals(Long.toString(image.manifestSize()), Http.header(head, "Content-Length"));
    assertEquals(MediaTypes.OCI_MANIFEST, Http.header(head, "Content-Type"));
    assertEquals("\"" + image.digest() + "\"", Http.header(head, "Etag"));
  }

  private static void assertManifestServed(
      String repository, String reference, byte[] expected, String mediaType) {
    HttpResponse<byte[]> response =
        Http.get(manifest(repository, reference), "Accept", MediaTypes.ACCEPT_ALL_MANIFESTS);
    assertEquals(200, response.statusCode(), () -> Http.text(response));
    assertArrayEquals(expected, response.body());
    assertEquals(mediaType, Http.header(response, "Content-Type"));
    assertEquals(Digests.sha256(response.body()), Http.header(response, "Docker-Content-Digest"));
  }

  private static URI manifest(String repository, String reference) {
    return registry.baseUri().resolve("/v2/" + repository + "/manifests/" + reference);
  }

  private static URI blob(String repository, String digest) {
    return registry.baseUri().resolve("/v2/" + repository + "/blobs/" + digest);
  }
}
