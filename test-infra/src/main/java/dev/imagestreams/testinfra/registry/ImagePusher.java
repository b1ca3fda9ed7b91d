package dev.imagestreams.testinfra.registry;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pushes deterministic {@link TestImages} to a registry over the distribution HTTP API, without
 * Docker or skopeo.
 *
 * <p>A blob is pushed with {@code HEAD /v2/<repo>/blobs/<digest>} (skipped when present), then
 * {@code POST /v2/<repo>/blobs/uploads/} and {@code PUT <Location>&digest=<digest>}; a manifest
 * with {@code PUT /v2/<repo>/manifests/<reference>} and its media type as {@code Content-Type}.
 * Index children are pushed by digest before the index. Every manifest push checks the registry's
 * {@code Docker-Content-Digest}.
 *
 * <p>Authentication follows the registry's challenge: on a 401 with {@code WWW-Authenticate: Basic}
 * the pusher retries with its credentials; on {@code Bearer realm=...,service=...,scope=...} it
 * fetches a token from the realm (with its credentials as Basic, or anonymously without
 * credentials), asking for the challenged scope plus {@code repository:<repo>:pull,push}, and
 * retries with the token. Authorizations are reused per repository. Any unexpected status throws
 * {@link IllegalStateException} with the response body.
 */
public final class ImagePusher {

  private final URI baseUri;
  private final ChallengeAnsweringClient client;

  /**
   * A pusher without credentials, for anonymous registries (and anonymous tokens).
   *
   * @param baseUri the registry, for example {@code http://127.0.0.1:5000}
   */
  public ImagePusher(URI baseUri) {
    this(baseUri, null);
  }

  /**
   * A pusher that answers authentication challenges with credentials.
   *
   * @param baseUri the registry, for example {@code http://127.0.0.1:5000}
   * @param credentials the credentials, or {@code null} for none
   */
  public ImagePusher(URI baseUri, Credentials credentials) {
    this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
    this.client = new ChallengeAnsweringClient(baseUri, credentials);
  }

  /**
   * Pushes a two-layer OCI image of revision 0.
   *
   * @param repository the repository
   * @param tag the tag
   * @param platform the platform
   * @return what was pushed
   */
  public PushedImage pushOciImage(String repository, String tag, Platform platform) {
    return pushOciImage(repository, tag, platform, 0);
  }

  /**
   * Pushes a two-layer OCI image; another revision gives another digest.
   *
   * @param repository the repository
   * @param tag the tag
   * @param platform the platform
   * @param revision the content revision
   * @return what was pushed
   */
  public PushedImage pushOciImage(String repository, String tag, Platform platform, int revision) {
    return push(repository, tag, TestImages.ociImage(platform, revision));
  }

  /**
   * Pushes a two-layer Docker schema 2 image for {@code linux/amd64}, revision 0.
   *
   * @param repository the repository
   * @param tag the tag
   * @return what was pushed
   */
  public PushedImage pushDockerImage(String repository, String tag) {
    return pushDockerImage(repository, tag, Platform.LINUX_AMD64, 0);
  }

  /**
   * Pushes a two-layer Docker schema 2 image; another revision gives another digest.
   *
   * @param repository the repository
   * @param tag the tag
   * @param platform the platform
   * @param revision the content revision
   * @return what was pushed
   */
  public PushedImage pushDockerImage(
      String repository, String tag, Platform platform, int revision) {
    return push(repository, tag, TestImages.dockerImage(platform, revision));
  }

  /**
   * Pushes {@link TestImages#ociIndex(int) an OCI index} (amd64, arm64/v8, attestation) of revision
   * 0.
   *
   * @param repository the repository
   * @param tag the tag
   * @return what was pushed
   */
  public PushedIndex pushOciIndex(String repository, String tag) {
    return pushOciIndex(repository, tag, 0);
  }

  /**
   * Pushes {@link TestImages#ociIndex(int) an OCI index} (amd64, arm64/v8, attestation).
   *
   * @param repository the repository
   * @param tag the tag
   * @param revision the content revision
   * @return what was pushed
   */
  public PushedIndex pushOciIndex(String repository, String tag, int revision) {
    return push(repository, tag, TestImages.ociIndex(revision));
  }

  /**
   * Pushes {@link TestImages#dockerManifestList(int) a Docker manifest list} (amd64, arm64/v8) of
   * revision 0.
   *
   * @param repository the repository
   * @param tag the tag
   * @return what was pushed
   */
  public PushedIndex pushDockerManifestList(String repository, String tag) {
    return pushDockerManifestList(repository, tag, 0);
  }

  /**
   * Pushes {@link TestImages#dockerManifestList(int) a Docker manifest list} (amd64, arm64/v8).
   *
   * @param repository the repository
   * @param tag the tag
   * @param revision the content revision
   * @return what was pushed
   */
  public PushedIndex pushDockerManifestList(String repository, String tag, int revision) {
    return push(repository, tag, TestImages.dockerManifestList(revision));
  }

  /**
   * Pushes an image's blobs, then its manifest.
   *
   * @param repository the repository
   * @param tag the tag, or {@code null} to push by digest only
   * @param image the image
   * @return what was pushed
   */
  public PushedImage push(String repository, String tag, TestImages.Image image) {
    for (TestImages.Blob blob : image.blobs()) {
      pushBlob(repository, blob);
    }
    List<PushedImage.Layer> layers = new ArrayList<>();
    for (int i = 0; i < image.layers().size(); i++) {
      TestImages.Blob layer = image.layers().get(i);
      layers.add(
          new PushedImage.Layer(
              layer.mediaType(), layer.digest(), layer.size(), image.diffIds().get(i)));
    }
    TestImages.Blob config = image.config();
    return new PushedImage(
        pushManifest(repository, tag, image),
        image.platform(),
        new PushedImage.Descriptor(config.mediaType(), config.digest(), config.size()),
        layers);
  }

  /**
   * Pushes an index's children by digest, then the index.
   *
   * @param repository the repository
   * @param tag the tag, or {@code null} to push by digest only
   * @param index the index
   * @return what was pushed
   */
  public PushedIndex push(String repository, String tag, TestImages.Index index) {
    List<PushedImage> children = new ArrayList<>();
    for (TestImages.Image child : index.children()) {
      children.add(push(repository, null, child));
    }
    return new PushedIndex(pushManifest(repository, tag, index), children);
  }

  private ManifestPush pushManifest(String repository, String tag, TestImages.Manifest manifest) {
    TestImages.Blob document = manifest.document();
    String digest =
        pushManifest(
            repository,
            tag == null ? manifest.digest() : tag,
            document.mediaType(),
            document.content());
    return new ManifestPush(host(), repository, tag, digest, document);
  }

  /**
   * Uploads a blob unless the repository already has it (monolithic upload: POST, then PUT with the
   * content).
   *
   * @param repository the repository
   * @param blob the blob
   */
  public void pushBlob(String repository, TestImages.Blob blob) {
    String digest = blob.digest();
    URI blobUri = uri("/v2/" + repository + "/blobs/" + digest);
    HttpResponse<byte[]> head =
        client.send(
            repository,
            HttpRequest.newBuilder(blobUri).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    if (head.statusCode() == 200) {
      return;
    }
    ChallengeAnsweringClient.expect(head, 404);
    HttpResponse<byte[]> start =
        client.send(
            repository,
            HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    ChallengeAnsweringClient.expect(start, 202);
    String location =
        start
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new IllegalStateException("upload started without Location header"));
    URI upload = baseUri.resolve(location);
    String separator = upload.getRawQuery() == null ? "?" : "&";
    URI put =
        URI.create(
            upload + separator + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
    HttpResponse<byte[]> done =
        client.send(
            repository,
            HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob.content())));
    ChallengeAnsweringClient.expect(done, 201);
  }

  /**
   * Puts manifest bytes under a tag or digest.
   *
   * @param repository the repository
   * @param reference a tag or a digest
   * @param mediaType the manifest media type, sent as {@code Content-Type}
   * @param manifest the exact bytes
   * @return the digest the registry answered in {@code Docker-Content-Digest}
   * @throws IllegalStateException when it differs from the SHA-256 of the bytes
   */
  public String pushManifest(
      String repository, String reference, String mediaType, byte[] manifest) {
    HttpResponse<byte[]> response =
        client.send(
            repository,
            HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
    ChallengeAnsweringClient.expect(response, 201);
    String expected = Digests.sha256(manifest);
    String answered = response.headers().firstValue("Docker-Content-Digest").orElse(expected);
    if (!answered.equals(expected)) {
      throw new IllegalStateException(
          "registry stored "
              + repository
              + ":"
              + reference
              + " as "
              + answered
              + " but the manifest bytes digest to "
              + expected);
    }
    return answered;
  }

  /**
   * Fetches a manifest as stored, accepting every manifest media type.
   *
   * @param repository the repository
   * @param reference a tag or a digest
   * @return the manifest
   */
  public Manifest fetchManifest(String repository, String reference) {
    HttpResponse<byte[]> response =
        client.send(
            repository,
            HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
                .header("Accept", MediaTypes.ACCEPT_ALL_MANIFESTS)
                .GET());
    ChallengeAnsweringClient.expect(response, 200);
    byte[] body = response.body();
    return new Manifest(
        new TestImages.Blob(response.headers().firstValue("Content-Type").orElse(""), body, null),
        response.headers().firstValue("Docker-Content-Digest").orElse(Digests.sha256(body)));
  }

  /**
   * Tags an existing manifest: puts its exact bytes under another tag (which may already point
   * elsewhere).
   *
   * @param repository the repository
   * @param digest the digest of a manifest in that repository
   * @param newTag the tag to create or move
   * @return the digest the tag now points to (equal to {@code digest})
   */
  public String tag(String repository, String digest, String newTag) {
    Manifest manifest = fetchManifest(repository, digest);
    return pushManifest(repository, newTag, manifest.mediaType(), manifest.body());
  }

  /**
   * Deletes a manifest by digest; every tag pointing to it disappears too. Distribution cannot
   * delete a single tag.
   *
   * @param repository the repository
   * @param digest the manifest digest
   */
  public void deleteManifest(String repository, String digest) {
    HttpResponse<byte[]> response =
        client.send(
            repository,
            HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + digest)).DELETE());
    ChallengeAnsweringClient.expect(response, 202);
  }

  private String host() {
    return baseUri.getAuthority();
  }

  private URI uri(String path) {
    return baseUri.resolve(path);
  }

  /**
   * A manifest as a registry serves it.
   *
   * @param document the {@code Content-Type} answered and the exact bytes
   * @param digest the {@code Docker-Content-Digest} answered
   */
  public record Manifest(TestImages.Blob document, String digest) {

    /**
     * The {@code Content-Type} answered.
     *
     * @return the media type
     */
    public String mediaType() {
      return document.mediaType();
    }

    /**
     * The exact bytes.
     *
     * @return a copy
     */
    public byte[] body() {
      return document.content();
    }
  }
}
