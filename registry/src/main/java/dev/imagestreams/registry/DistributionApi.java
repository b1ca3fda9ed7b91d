package dev.imagestreams.registry;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RateLimitInfo;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.http.ImportBudget;
import dev.imagestreams.registry.http.RegistryResponse;
import dev.imagestreams.registry.manifest.MediaTypes;
import dev.imagestreams.registry.reference.Digest;
import dev.imagestreams.registry.reference.ImageReference;
import java.time.Clock;
import java.util.Map;

/**
 * The three distribution API calls the engine makes, with content verification: {@code HEAD} and
 * {@code GET} of a manifest, and {@code GET} of a blob. A manifest must hash to the digest it was
 * requested by and to its {@code Docker-Content-Digest}; a blob must hash to its digest.
 *
 * <p>Fetches by digest are made once at a time per registry, repository and digest: imports that
 * need the same content while it is being fetched wait for that fetch and share it (each has made
 * its own {@code HEAD} first, with its own credentials).
 */
final class DistributionApi {
  /** A manifest as fetched: verified bytes, media type and digest. */
  record FetchedManifest(byte[] body, String contentType, Digest digest) {}

  /** What a fetch by digest is for. */
  private record ContentKey(String host, String repository, Digest digest, String kind) {}

  private static final Map<String, String> ACCEPT_MANIFESTS =
      Map.of("Accept", MediaTypes.MANIFEST_ACCEPT_HEADER);

  private final RegistryConnector connector;
  private final DistributionErrors errors;
  private final Clock clock;
  private final long maxManifestBytes;
  private final SingleFlight<ContentKey, FetchedManifest> manifestFetches = new SingleFlight<>();
  private final SingleFlight<ContentKey, byte[]> blobFetches = new SingleFlight<>();

  DistributionApi(
      RegistryConnector connector, DistributionErrors errors, Clock clock, long maxManifestBytes) {
    this.connector = connector;
    this.errors = errors;
    this.clock = clock;
    this.maxManifestBytes = maxManifestBytes;
  }

  ManifestHead headManifest(ImageReference image, Access access, ImportBudget budget)
      throws RegistryException {
    String ref = image.manifestReference();
    RegistryResponse response =
        send(
            image,
            "HEAD",
            manifestPath(image, ref),
            ACCEPT_MANIFESTS,
            0,
            "manifest " + ref,
            access,
            budget);
    int status = response.status();
    if (status == 404 || status == 405 || status == 501) {
      // HEAD has no error body (404) or is not supported: a GET tells us precisely what is wrong,
      // or serves the manifest. Either way the result is the same as a HEAD would have given.
      FetchedManifest fetched = getManifest(image, ref, image.digest(), access, budget);
      return new ManifestHead(
          fetched.digest(),
          MediaTypes.normalize(fetched.contentType()),
          fetched.body().length,
          RateLimitInfo.NONE);
    }
    if (!response.isSuccess()) {
      throw failure(response, image, "manifest " + ref, access);
    }
    Digest digest = headerDigest(response, image);
    long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new ManifestHead(
        digest,
        MediaTypes.normalize(response.header("Content-Type")),
        size,
        RateLimitInfo.from(response.headers(), clock));
  }

  /**
   * Fetches a manifest and verifies it.
   *
   * @param ref the tag or digest to fetch
   * @param expected the digest the content must have, or null when fetching by tag without one
   */
  FetchedManifest getManifest(
      ImageReference image, String ref, Digest expected, Access access, ImportBudget budget)
      throws RegistryException {
    if (expected != null && ref.equals(expected.toString())) {
      return manifestFetches.run(
          new ContentKey(image.apiHost(), image.repository(), expected, "manifest"),
          () -> fetchManifest(image, ref, expected, access, budget));
    }
    return fetchManifest(image, ref, expected, access, budget);
  }

  private FetchedManifest fetchManifest(
      ImageReference image, String ref, Digest expected, Access access, ImportBudget budget)
      throws RegistryException {
    RegistryResponse response =
        send(
            image,
            "GET",
            manifestPath(image, ref),
            ACCEPT_MANIFESTS,
            maxManifestBytes,
            "manifest " + ref,
            access,
            budget);
    if (!response.isSuccess()) {
      throw failure(response, image, "manifest " + ref, access);
    }
    byte[] body = response.body();
    Digest announced = headerDigest(response, image);
    if (expected != null && !expected.matches(body)) {
      throw RegistryException.of(
          ErrorKind.DIGEST_MISMATCH,
          "manifest of \""
              + shown(image)
              + "\" does not match its digest: requested "
              + expected
              + ", content hashes to "
              + expected.of(body));
    }
    if (announced != null && !announced.matches(body)) {
      throw RegistryException.of(
          ErrorKind.DIGEST_MISMATCH,
          "manifest of \""
              + shown(image)
              + "\" does not match its digest: the registry announced "
              + announced
              + " (Docker-Content-Digest), content hashes to "
              + announced.of(body));
    }
    Digest digest =
        expected != null ? expected : announced != null ? announced : Digest.sha256(body);
    return new FetchedManifest(body, response.header("Content-Type"), digest);
  }

  /** Fetches a blob (following redirects to blob storage) and verifies its digest. */
  byte[] getBlob(
      ImageReference image,
      Digest digest,
      long maxBytes,
      String what,
      Access access,
      ImportBudget budget)
      throws RegistryException {
    return blobFetches.run(
        new ContentKey(image.apiHost(), image.repository(), digest, "blob"),
        () -> fetchBlob(image, digest, maxBytes, what, access, budget));
  }

  private byte[] fetchBlob(
      ImageReference image,
      Digest digest,
      long maxBytes,
      String what,
      Access access,
      ImportBudget budget)
      throws RegistryException {
    String path = "/v2/" + image.repository() + "/blobs/" + digest;
    RegistryResponse response = send(image, "GET", path, Map.of(), maxBytes, what, access, budget);
    if (!response.isSuccess()) {
      throw failure(response, image, what, access);
    }
    if (!digest.matches(response.body())) {
      throw RegistryException.of(
          ErrorKind.DIGEST_MISMATCH,
          what
              + " of \""
              + shown(image)
              + "\" does not match its digest "
              + digest.shortForm()
              + ": content hashes to "
              + digest.of(response.body()).shortForm());
    }
    return response.body();
  }

  /** Sends a request about content of the image's repository, with the right to pull it. */
  private RegistryResponse send(
      ImageReference image,
      String method,
      String path,
      Map<String, String> headers,
      long maxBytes,
      String what,
      Access access,
      ImportBudget budget)
      throws RegistryException {
    return connector.send(
        image.apiHost(),
        method,
        path,
        headers,
        maxBytes,
        access,
        scope(image),
        what,
        shown(image),
        budget);
  }

  /** Why a request about content of the image failed, from the registry's answer. */
  private RegistryException failure(
      RegistryResponse response, ImageReference image, String what, Access access) {
    return errors.forResponse(
        response, shown(image), what, image.registry(), access.credentials() != null);
  }

  private static Digest headerDigest(RegistryResponse response, ImageReference image)
      throws RegistryException {
    String value = response.header("Docker-Content-Digest");
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Digest.parse(value.trim());
    } catch (RegistryException e) {
      throw RegistryException.of(
          ErrorKind.INVALID_MANIFEST,
          "registry "
              + image.registry()
              + " sent an invalid Docker-Content-Digest for \""
              + shown(image)
              + "\": "
              + e.getMessage());
    }
  }

  private static String manifestPath(ImageReference image, String ref) {
    return "/v2/" + image.repository() + "/manifests/" + ref;
  }

  static String scope(ImageReference image) {
    return "repository:" + image.repository() + ":pull";
  }

  /** The reference as users know it, for messages. */
  static String shown(ImageReference image) {
    return image.toString();
  }
}
