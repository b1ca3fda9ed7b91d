package dev.imagestreams.testinfra.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pins behaviour of distribution v3 (the version test-infra/registry/go.mod pins) that a registry
 * client has to cope with, so that a registry upgrade that changes it shows up here first. Where
 * 2.8.2, which the tests ran on before, behaved otherwise, the test says how (and
 * docs/testing-servers.md lists it).
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
  void ociManifestIsNotFoundUnlessTheClientAcceptsOci() {
    HttpResponse<byte[]> manifest = Http.get(manifestUri(oci));
    assertEquals(404, manifest.statusCode());
    assertTrue(
        Http.text(manifest)
            .contains("OCI manifest found, but accept header does not support OCI manifests"));
    assertEquals(404, Http.head(manifestUri(oci)).statusCode());
    assertEquals(
        404, Http.get(manifestUri(oci), "Accept", MediaTypes.DOCKER_MANIFEST).statusCode());
  }

  /** 2.8.2: 404, "OCI index found, but accept header does not support OCI indexes". */
  @Test
  void ociIndexIsServedWhateverTheClientAccepts() {
    for (HttpResponse<byte[]> served :
        List.of(
            Http.get(manifestUri(index), "Accept", MediaTypes.OCI_MANIFEST),
            Http.get(manifestUri(index)))) {
      assertEquals(200, served.statusCode());
      assertEquals(MediaTypes.OCI_INDEX, Http.header(served, "Content-Type"));
      assertEquals(index.digest(), Http.header(served, "Docker-Content-Digest"));
    }
  }

  /**
   * 2.8.2 converted it to a signed schema 1 manifest with another digest; v3 has no schema 1 and
   * serves schema 2 as it is.
   */
  @Test
  void dockerImageIsServedAsSchema2EvenWhenTheClientDoesNotAcceptIt() {
    HttpResponse<byte[]> served = Http.get(manifestUri(docker));
    assertEquals(200, served.statusCode());
    assertEquals(MediaTypes.DOCKER_MANIFEST, Http.header(served, "Content-Type"));
    assertEquals(docker.digest(), Http.header(served, "Docker-Content-Digest"));
  }

  /** Without any Accept, 2.8.2 converted the amd64 child to schema 1; v3 refuses. */
  @Test
  void manifestListFallsBackToTheAmd64ChildWhenListsAreNotAccepted() {
    HttpResponse<byte[]> child = Http.get(manifestUri(list), "Accept", MediaTypes.DOCKER_MANIFEST);
    assertEquals(200, child.statusCode());
    assertEquals(
        list.child(Platform.LINUX_AMD64).digest(), Http.header(child, "Docker-Content-Digest"));
    HttpResponse<byte[]> noAccept = Http.get(manifestUri(list));
    assertEquals(400, noAccept.statusCode());
    assertTrue(Http.text(noAccept).contains("MANIFEST_INVALID"), Http.text(noAccept));
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

  /** 2.8.2 refused to delete a tag: 400 DIGEST_INVALID. v3 deletes the tag, not the manifest. */
  @Test
  void deletingATagRemovesTheTagButNotTheManifest() {
    PushedImage image =
        registry.pusher().pushOciImage("behaviour/delete-tag", "gone", Platform.LINUX_AMD64);
    HttpResponse<byte[]> response = Http.send(Http.builder(manifestUri(image)).DELETE().build());
    assertEquals(202, response.statusCode());
    assertEquals(
        404, Http.get(manifestUri(image), "Accept", MediaTypes.ACCEPT_ALL_MANIFESTS).statusCode());
    assertEquals(
        200,
        Http.get(
                registry
                    .baseUri()
                    .resolve("/v2/" + image.repository() + "/manifests/" + image.digest()),
                "Accept",
                MediaTypes.ACCEPT_ALL_MANIFESTS)
            .statusCode());
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
