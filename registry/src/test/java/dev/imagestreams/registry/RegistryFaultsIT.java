package dev.imagestreams.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.reference.ImageReference;
import dev.imagestreams.testinfra.registry.Fault;
import dev.imagestreams.testinfra.registry.FaultProxy;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.PushedIndex;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Registry faults, injected by a proxy in front of the real registry, become precise typed errors.
 */
class RegistryFaultsIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  private static final Access INSECURE = Access.anonymous(true);
  private static final String MANIFESTS = "/v2/faults/app/manifests/.*";
  private static PushedImage image;
  private static PushedIndex index;
  private static FaultProxy proxy;
  private static RegistryClient client;

  @BeforeAll
  static void push() throws RegistryException {
    image =
        REGISTRY
            .pusher()
            .pushOciImage(
                "faults/app", "v1", dev.imagestreams.testinfra.registry.Platform.LINUX_AMD64);
    index = REGISTRY.pusher().pushOciIndex("faults/app", "multi");
    proxy = FaultProxy.start(REGISTRY.baseUri());
    client =
        new RegistryClient(
            RegistrySettings.builder()
                .requestTimeout(Duration.ofSeconds(1))
                .resolvedCacheSize(0)
                .build());
    client.head(ref("v1"), INSECURE); // learn the endpoint once, outside the faults
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @BeforeEach
  void reset() {
    proxy.reset();
  }

  private static ImageReference ref(String tag) throws RegistryException {
    return ImageReference.parse(proxy.host() + "/faults/app:" + tag);
  }

  private static RegistryException failure(ThrowingCallable call) {
    try {
      call.call();
    } catch (RegistryException e) {
      return e;
    } catch (Throwable t) {
      throw new AssertionError("expected a RegistryException", t);
    }
    throw new AssertionError("expected a RegistryException");
  }

  /** What resolving {@code faults/app:v1} through the proxy fails with. */
  private static RegistryException resolvingV1Fails() {
    return failure(() -> client.resolve(ref("v1"), INSECURE, ResolveOptions.defaults()));
  }

  /** The proxy answers manifest HEADs and GETs of the repository with this document. */
  private static void serveManifest(String mediaType, String body) {
    String digest =
        dev.imagestreams.registry.reference.Digest.sha256(
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toString();
    Map<String, String> headers =
        Map.of("Content-Type", mediaType, "Docker-Content-Digest", digest);
    proxy.when("HEAD", ".*").then(Fault.status(200, headers, ""));
    proxy.when("GET", MANIFESTS).then(Fault.status(200, headers, body));
  }

  @Test
  void tooManyRequestsCarriesRetryAfterAndDockerHubLimits() {
    proxy.when("HEAD", ".*").then(Fault.tooManyRequests(Duration.ofSeconds(42)));
    RegistryException e = failure(() -> client.head(ref("v1"), INSECURE));
    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
    assertThat(e.rateLimit().remaining()).hasValue(0);
    assertThat(e.rateLimit().limit()).hasValue(100);
    assertThat(e.getMessage())
        .isEqualTo(
            "registry "
                + proxy.host()
                + " is rate limiting requests; retry after 42s; 0 of 100 requests left per 21600s");
  }

  @Test
  void tooManyRequestsOnAGetKeepsTheRegistryMessage() {
    proxy.when("GET", MANIFESTS).then(Fault.tooManyRequests(Duration.ofSeconds(5)));
    RegistryException e = resolvingV1Fails();
    assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(e.registryCode()).contains("TOOMANYREQUESTS");
    assertThat(e.getMessage()).contains("You have reached your pull rate limit");
  }

  @Test
  void serverErrorsAreUnavailableAfterTwoRetriesWithinTheImport() {
    proxy.when("HEAD", ".*").then(Fault.serverError());
    RegistryException e500 = failure(() -> client.head(ref("v1"), INSECURE));
    assertThat(e500.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(e500.httpStatus()).hasValue(500);
    assertThat(proxy.count("HEAD", ".*")).as("the first request and two retries").isEqualTo(3);
    proxy.reset();
    proxy.when("GET", MANIFESTS).then(Fault.serviceUnavailable());
    RegistryException e503 = resolvingV1Fails();
    assertThat(e503.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(e503.getMessage()).contains("failed with HTTP 503").contains("UNAVAILABLE");
    assertThat(proxy.count("GET", MANIFESTS)).isEqualTo(3);
  }

  @Test
  void aTransientFailureWithRetryAfterIsRetriedNoSoonerThanAsked() throws RegistryException {
    proxy.when("HEAD", ".*").once().then(Fault.status(503, Map.of("Retry-After", "1"), ""));
    client.head(ref("v1"), INSECURE);
    var heads = proxy.requests("HEAD", ".*");
    assertThat(heads).hasSize(2);
    assertThat(Duration.between(heads.get(0).receivedAt(), heads.get(1).receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void anImportHasOneDeadlineAndATricklingBodyFailsEarly() throws RegistryException {
    RegistryClient strict =
        new RegistryClient(
            RegistrySettings.builder()
                .importDeadline(Duration.ofSeconds(3))
                .minimumBodyRate(
                    new dev.imagestreams.registry.http.MinimumBodyRate(
                        1024, Duration.ofMillis(500)))
                .resolvedCacheSize(0)
                .build());
    strict.head(ref("v1"), INSECURE); // learn the endpoint outside the faults
    proxy.clearRequests();
    proxy.when("GET", MANIFESTS).then(Fault.slowBody(Duration.ofSeconds(20)));
    RegistryException slow =
        failure(() -> strict.resolve(ref("v1"), INSECURE, ResolveOptions.defaults()));
    assertThat(slow.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(slow.getMessage())
        .contains("arrived too slowly")
        .contains("below the minimum of 1024 B/s");
    assertThat(proxy.count("GET", MANIFESTS)).as("retried twice").isEqualTo(3);

    proxy.reset();
    RegistryClient patient =
        new RegistryClient(
            RegistrySettings.builder()
                .importDeadline(Duration.ofSeconds(4))
                .resolvedCacheSize(0)
                .build());
    patient.head(ref("v1"), INSECURE);
    proxy.when("GET", MANIFESTS).then(Fault.slowBody(Duration.ofSeconds(20)));
    RegistryException late =
        failure(() -> patient.resolve(ref("v1"), INSECURE, ResolveOptions.defaults()));
    assertThat(late.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(late.getMessage())
        .startsWith("import deadline of 4s exceeded while fetching manifest");
  }

  @Test
  void aRefusedTokenRealmOfOneRepositoryFailsThatRepositoryAlone() throws RegistryException {
    RegistryClient shared =
        new RegistryClient(RegistrySettings.builder().resolvedCacheSize(0).build());
    shared.head(ref("v1"), INSECURE);
    proxy
        .when("*", "/v2/faults/evil/.*")
        .then(
            Fault.status(
                401,
                Map.of(
                    "WWW-Authenticate",
                    "Bearer realm=\"http://169.254.169.254/token\",service=\"evil\",scope=\"repository:faults/evil:pull\""),
                ""));
    RegistryException refused =
        failure(
            () -> shared.head(ImageReference.parse(proxy.host() + "/faults/evil:v1"), INSECURE));
    assertThat(refused.kind()).isEqualTo(ErrorKind.FORBIDDEN);
    assertThat(refused.getMessage()).contains("169.254.169.254");
    ResolvedImage ordinary = shared.resolve(ref("v1"), INSECURE, ResolveOptions.defaults());
    assertThat(ordinary.digest()).hasToString(image.digest());
    RegistryException again =
        failure(
            () -> shared.head(ImageReference.parse(proxy.host() + "/faults/evil:v1"), INSECURE));
    assertThat(again.kind()).isEqualTo(ErrorKind.FORBIDDEN);
    assertThat(proxy.count("HEAD", "/v2/faults/evil/.*"))
        .as("the refused realm is learned anew by each import")
        .isEqualTo(2);
  }

  @Test
  void aSlowBodyTimesOut() {
    proxy.when("GET", MANIFESTS).then(Fault.slowBody(Duration.ofSeconds(4)));
    RegistryException e = resolvingV1Fails();
    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("timed out after 1s");
  }

  @Test
  void aHangingRegistryTimesOut() {
    proxy.when("HEAD", ".*").then(Fault.hang());
    RegistryException e = failure(() -> client.head(ref("v1"), INSECURE));
    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("timed out");
  }

  @Test
  void aTruncatedBodyIsUnavailable() {
    proxy.when("GET", MANIFESTS).then(Fault.truncateBody(20));
    RegistryException e = resolvingV1Fails();
    assertThat(e.kind()).isIn(ErrorKind.UNAVAILABLE, ErrorKind.DIGEST_MISMATCH);
    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
  }

  @Test
  void aTamperedManifestIsADigestMismatch() {
    proxy.when("GET", MANIFESTS).then(Fault.tamperManifest());
    RegistryException e = resolvingV1Fails();
    assertThat(e.kind()).isEqualTo(ErrorKind.DIGEST_MISMATCH);
    assertThat(e.getMessage()).contains("does not match its digest").contains(image.digest());
  }

  @Test
  void aTamperedManifestFetchedByDigestIsADigestMismatch() throws RegistryException {
    proxy.when("GET", MANIFESTS).then(Fault.tamperManifest());
    ImageReference byDigest = ImageReference.parse(proxy.host() + "/faults/app@" + image.digest());
    RegistryException e =
        failure(() -> client.resolve(byDigest, INSECURE, ResolveOptions.defaults()));
    assertThat(e.kind()).isEqualTo(ErrorKind.DIGEST_MISMATCH);
  }

  @Test
  void aTamperedChildManifestOfAListIsADigestMismatch() {
    proxy
        .when("GET", "/v2/faults/app/manifests/" + index.images().get(0).digest())
        .then(Fault.tamperManifest());
    RegistryException e =
        failure(() -> client.resolve(ref("multi"), INSECURE, ResolveOptions.defaults()));
    assertThat(e.kind()).isEqualTo(ErrorKind.DIGEST_MISMATCH);
  }

  @Test
  void aConfigBlobThatDoesNotMatchItsDigestIsRejected() {
    proxy
        .when("GET", "/v2/faults/app/blobs/.*")
        .then(Fault.status(200, Map.of("Content-Type", "application/json"), "{}"));
    RegistryException e = resolvingV1Fails();
    assertThat(e.kind()).isEqualTo(ErrorKind.DIGEST_MISMATCH);
    assertThat(e.getMessage()).contains("config blob");
  }

  @Test
  void anOversizedManifestIsRejectedWithoutReadingIt() {
    proxy.when("GET", MANIFESTS).then(Fault.oversize(6L * 1024 * 1024));
    RegistryException e = resolvingV1Fails();
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_MANIFEST);
    assertThat(e.getMessage()).contains("larger than the limit of 4194304 bytes");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # media type                                               | manifest                                                                              | kind             | message
          application/vnd.oci.image.manifest.v1+json                 | {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config": | INVALID_MANIFEST | .*not valid JSON.*
          application/vnd.docker.distribution.manifest.v1+prettyjws  | {"schemaVersion":1,"name":"faults/app","tag":"v1","fsLayers":[]}                      | UNSUPPORTED      | unsupported manifest type.*
          """)
  void aManifestThatCannotBeImportedSaysWhy(
      String mediaType, String body, ErrorKind kind, String message) {
    serveManifest(mediaType, body);
    RegistryException e = resolvingV1Fails();
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.getMessage()).matches("(?s)" + message);
  }

  @Test
  void aHeadWithoutDigestFallsBackToTheManifestBody() throws RegistryException {
    proxy
        .when("HEAD", ".*")
        .then(
            Fault.status(
                200, Map.of("Content-Type", "application/vnd.oci.image.manifest.v1+json"), ""));
    ResolvedImage resolved = client.resolve(ref("v1"), INSECURE, ResolveOptions.defaults());
    assertThat(resolved.digest()).hasToString(image.digest());
  }
}
