package dev.imagestreams.testinfra.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .sslContext(TestCertificates.trustingAnything())
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final URI baseUri;
  private final Credentials credentials;
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();

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
    this.credentials = credentials;
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
    byte[] manifest = image.manifest();
    String digest =
        pushManifest(repository, tag == null ? image.digest() : tag, image.mediaType(), manifest);
    List<PushedImage.Layer> layers = new ArrayList<>();
    for (int i = 0; i < image.layers().size(); i++) {
      TestImages.Blob layer = image.layers().get(i);
      layers.add(
          new PushedImage.Layer(
              layer.mediaType(), layer.digest(), layer.size(), image.diffIds().get(i)));
    }
    TestImages.Blob config = image.config();
    return new PushedImage(
        new ManifestPush(host(), repository, tag, digest, image.mediaType(), manifest),
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
    byte[] manifest = index.manifest();
    String digest =
        pushManifest(repository, tag == null ? index.digest() : tag, index.mediaType(), manifest);
    return new PushedIndex(
        new ManifestPush(host(), repository, tag, digest, index.mediaType(), manifest), children);
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
        send(
            repository,
            HttpRequest.newBuilder(blobUri).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    if (head.statusCode() == 200) {
      return;
    }
    expect(head, 404);
    HttpResponse<byte[]> start =
        send(
            repository,
            HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    expect(start, 202);
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
        send(
            repository,
            HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob.content())));
    expect(done, 201);
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
        send(
            repository,
            HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
    expect(response, 201);
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
        send(
            repository,
            HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
                .header("Accept", MediaTypes.ACCEPT_ALL_MANIFESTS)
                .GET());
    expect(response, 200);
    byte[] body = response.body();
    return new Manifest(
        response.headers().firstValue("Content-Type").orElse(""),
        response.headers().firstValue("Docker-Content-Digest").orElse(Digests.sha256(body)),
        body);
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
        send(
            repository,
            HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + digest)).DELETE());
    expect(response, 202);
  }

  private String host() {
    return baseUri.getAuthority();
  }

  private URI uri(String path) {
    return baseUri.resolve(path);
  }

  /**
   * Sends with the repository's cached authorization; on 401 answers the challenge once and
   * retries.
   */
  private HttpResponse<byte[]> send(String repository, HttpRequest.Builder request) {
    String authorization = authorizations.get(repository);
    HttpResponse<byte[]> response = sendOnce(request, authorization);
    if (response.statusCode() != 401) {
      return response;
    }
    String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
    String answer = challenge == null ? null : answerChallenge(challenge, repository);
    if (answer == null || answer.equals(authorization)) {
      return response;
    }
    authorizations.put(repository, answer);
    return sendOnce(request, answer);
  }

  private HttpResponse<byte[]> sendOnce(HttpRequest.Builder request, String authorization) {
    HttpRequest.Builder copy = request.copy().timeout(TIMEOUT);
    if (authorization != null) {
      copy.header("Authorization", authorization);
    }
    try {
      return CLIENT.send(copy.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("request to " + baseUri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private String answerChallenge(String challenge, String repository) {
    String scheme = challenge.trim().split("\\s+", 2)[0];
    if ("Basic".equalsIgnoreCase(scheme)) {
      return credentials == null ? null : credentials.basicAuthorization();
    }
    if (!"Bearer".equalsIgnoreCase(scheme)) {
      return null;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    Matcher matcher = CHALLENGE_PARAMETER.matcher(challenge);
    while (matcher.find()) {
      parameters.put(matcher.group(1).toLowerCase(), matcher.group(2));
    }
    String realm = parameters.get("realm");
    if (realm == null) {
      throw new IllegalStateException("Bearer challenge without realm: " + challenge);
    }
    StringBuilder query = new StringBuilder();
    if (parameters.containsKey("service")) {
      query
          .append("service=")
          .append(URLEncoder.encode(parameters.get("service"), StandardCharsets.UTF_8));
    }
    List<String> scopes = new ArrayList<>();
    if (parameters.containsKey("scope")) {
      scopes.addAll(Arrays.asList(parameters.get("scope").split(" ")));
    }
    String pushScope = "repository:" + repository + ":pull,push";
    if (!scopes.contains(pushScope)) {
      scopes.add(pushScope);
    }
    for (String scope : scopes) {
      query
          .append(query.length() == 0 ? "" : "&")
          .append("scope=")
          .append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    }
    URI tokenUri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
    HttpRequest.Builder tokenRequest = HttpRequest.newBuilder(tokenUri).GET();
    HttpResponse<byte[]> response =
        sendOnce(tokenRequest, credentials == null ? null : credentials.basicAuthorization());
    expect(response, 200);
    try {
      JsonNode body = JSON.readTree(response.body());
      JsonNode token = body.hasNonNull("token") ? body.get("token") : body.get("access_token");
      if (token == null || !token.isTextual()) {
        throw new IllegalStateException(
            "token response without token: " + new String(response.body(), StandardCharsets.UTF_8));
      }
      return "Bearer " + token.asText();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse token response", e);
    }
  }

  private static void expect(HttpResponse<byte[]> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.uri()
              + " answered "
              + response.statusCode()
              + " instead of "
              + status
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
  }

  /**
   * A manifest as a registry serves it.
   *
   * @param mediaType the {@code Content-Type} answered
   * @param digest the {@code Docker-Content-Digest} answered
   * @param body the exact bytes (copied)
   */
  public record Manifest(String mediaType, String digest, byte[] body) {

    /**
     * Copies the body.
     *
     * @param mediaType the media type
     * @param digest the digest
     * @param body the bytes
     */
    public Manifest {
      body = body.clone();
    }

    /**
     * The exact bytes.
     *
     * @return a copy
     */
    @Override
    public byte[] body() {
      return body.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Manifest manifest
          && mediaType.equals(manifest.mediaType)
          && digest.equals(manifest.digest)
          && Arrays.equals(body, manifest.body);
    }

    @Override
    public int hashCode() {
      return Objects.hash(mediaType, digest, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
      return "Manifest[" + mediaType + ", " + digest + ", " + body.length + " bytes]";
    }
  }
}
