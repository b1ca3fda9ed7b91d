package dev.imagestreams.registry.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pins behaviour of distribution 2.8.2 that a registry client has to cope with, so that a registry
 * upgrade that changes it shows up here first.
 */
class DistributionBehaviourIT {

  @RegisterExtension static RegistryExtension registry = RegistryExtension.anonymous();

  private static PushedImage oci;
  private static PushedImage docker;
  private static PushedIndex index;
  private static PushedIndex list;

  @BeforeAll
  static void push() {
    ImagePusher pusher = registry.pusher();
    oci = pusher.pushOciImage("behaviour/oci", "1", Platform.LINUX_AMD64);
    docker = pusher.pushDockerImage("behaviour/docker", "1");
    index = pusher.pushOciIndex("behaviour/index", "1");
    list = pusher.pushDockerManifestList("behaviour/list", "1");
  }

  @Test
  void ociContentIsNotFoundUnlessTheClientAcceptsOci() {
    HttpResponse<byte[]> manifest = Http.get(manifestUri(oci));
    assertEquals(404, manifest.statusCode());
    assertTrue(
        Http.text(manifest)
            .contains("OCI manifest found, but accept header does not support OCI manifests"));
    assertEquals(404, Http.head(manifestUri(oci)).statusCode());
    HttpResponse<byte[]> indexWithoutIndexType =
        Http.get(manifestUri(index), "Accept", MediaTypes.OCI_MANIFEST);
    assertEquals(404, indexWithoutIndexType.statusCode());
    assertTrue(Http.text(indexWithoutIndexType).contains("OCI index found"));
  }

  @Test
  void dockerImageIsConvertedToSchema1WithAnotherDigestWhenSchema2IsNotAccepted() {
    HttpResponse<byte[]> converted = Http.get(manifestUri(docker));
    assertEquals(200, converted.statusCode());
    assertEquals(
        "application/vnd.docker.distribution.manifest.v1+prettyjws",
        Http.header(converted, "Content-Type"));
    assertNotEquals(docker.digest(), Http.header(converted, "Docker-Content-Digest"));
  }

  @Test
  void manifestListFallsBackToTheAmd64ChildWhenListsAreNotAccepted() {
    HttpResponse<byte[]> child = Http.get(manifestUri(list), "Accept", MediaTypes.DOCKER_MANIFEST);
    assertEquals(200, child.statusCode());
    assertEquals(
        list.child(Platform.LINUX_AMD64).digest(), Http.header(child, "Docker-Content-Digest"));
  }

  @Test
  void headAnswersDigestSizeTypeAndEtagWithoutBody() {
    HttpResponse<byte[]> head =
        Http.head(manifestUri(index), "Accept", MediaTypes.ACCEPT_ALL_MANIFESTS);
    assertEquals(200, head.statusCode());
    assertEquals(0, head.body().length);
    assertEquals(index.digest(), Http.header(head, "Docker-Content-Digest"));
    assertEquals(Long.toString(index.manifestSize()), Http.header(head, "Content-Length"));
    assertEquals(MediaTypes.OCI_INDEX, Http.header(head, "Content-Type"));
    assertEquals("\"" + index.digest() + "\"", Http.header(head, "Etag"));
  }

  @Test
  void tagsCannotBeDeletedOnlyManifestsByDigest() {
    HttpResponse<byte[]> response = Http.send(Http.builder(manifestUri(oci)).DELETE().build());
    assertEquals(400, response.statusCode());
    assertTrue(Http.text(response).contains("DIGEST_INVALID"));
  }

  @Test
  void indexReferencingAnUnknownManifestIsRejected() {
    String missing =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_INDEX
            + "\",\"manifests\":[{"
            + "\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"digest\":\"sha256:"
            + "a".repeat(64)
            + "\",\"size\":10,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
    HttpResponse<byte[]> response =
        Http.send(
            Http.builder(
                    registry.baseUri().resolve("/v2/behaviour/index/manifests/broken"),
                    "Content-Type",
                    MediaTypes.OCI_INDEX)
                .PUT(HttpRequest.BodyPublishers.ofString(missing))
                .build());
    assertEquals(400, response.statusCode());
    assertTrue(Http.text(response).contains("MANIFEST_BLOB_UNKNOWN"));
  }

  @Test
  void uploadLocationIsAbsoluteAndBuiltFromTheHostHeader() {
    HttpResponse<byte[]> response =
        Http.send(
            Http.builder(registry.baseUri().resolve("/v2/behaviour/oci/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertEquals(202, response.statusCode());
    assertTrue(
        Http.header(response, "Location")
            .startsWith(registry.baseUri() + "/v2/behaviour/oci/blobs/uploads/"));
    assertTrue(Http.header(response, "Location").contains("_state="));
  }

  private static URI manifestUri(PushedImage image) {
    return registry.baseUri().resolve("/v2/" + image.repository() + "/manifests/" + image.tag());
  }

  private static URI manifestUri(PushedIndex image) {
    return registry.baseUri().resolve("/v2/" + image.repository() + "/manifests/" + image.tag());
  }
}
