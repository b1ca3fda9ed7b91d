package dev.imagestreams.registry;

import static dev.imagestreams.registry.testing.RegistryFailures.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.registry.auth.RegistryCredentials;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.reference.ImageReference;
import dev.imagestreams.testinfra.registry.Fault;
import dev.imagestreams.testinfra.registry.FaultProxy;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.RecordingServer;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTP Basic auth (htpasswd) against distribution, and where credentials may go. */
class BasicAuthIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.basicAuth();

  private static final Access ALICE =
      new Access(RegistryCredentials.basic("alice", "s3cret"), true);
  private static PushedImage image;
  private static FaultProxy proxy;
  private static RecordingServer storage;
  private RegistryClient client;

  @BeforeAll
  static void push() {
    image =
        REGISTRY
            .pusher()
            .pushOciImage(
                "team/app", "v1", dev.imagestreams.testinfra.registry.Platform.LINUX_AMD64);
    proxy = FaultProxy.start(REGISTRY.baseUri());
    storage = RecordingServer.start();
  }

  @AfterAll
  static void stop() {
    proxy.close();
    storage.close();
  }

  @BeforeEach
  void reset() {
    client = new RegistryClient(RegistrySettings.builder().build());
    proxy.reset();
    storage.clear();
  }

  private static ImageReference ref(String host) throws RegistryException {
    return ImageReference.parse(host + "/team/app:v1");
  }

  @Test
  void sendsBasicCredentialsUpFrontAfterTheFirstChallenge() throws RegistryException {
    ResolvedImage resolved = client.resolve(ref(proxy.host()), ALICE, ResolveOptions.defaults());
    assertThat(resolved.digest()).hasToString(image.digest());
    assertThat(proxy.requests("GET", "/v2/team/app/manifests/v1"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.authorization())
                    .hasValueSatisfying(a -> assertThat(a).startsWith("Basic ")));
  }

  @Test
  void wrongPasswordIsUnauthorized() {
    Access wrong = new Access(RegistryCredentials.basic("alice", "nope"), true);
    assertFailsWith(
            ErrorKind.UNAUTHORIZED,
            () -> client.resolve(ref(REGISTRY.host()), wrong, ResolveOptions.defaults()))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
              assertThat(e.httpStatus()).hasValue(401);
            })
        .hasMessageContaining("rejected the credentials")
        .hasMessageNotContaining("nope");
  }

  @Test
  void noCredentialsIsUnauthorized() {
    assertThatThrownBy(
            () ->
                client.resolve(
                    ref(REGISTRY.host()), Access.anonymous(true), ResolveOptions.defaults()))
        .hasMessageContaining("requires credentials and none were found");
  }

  @Test
  void aRedirectToAnotherHostDropsAuthorization() throws RegistryException {
    byte[] config =
        dev.imagestreams.testinfra.registry.TestImages.ociImage(
                dev.imagestreams.testinfra.registry.Platform.LINUX_AMD64, 0)
            .config()
            .content();
    assertThat(dev.imagestreams.registry.reference.Digest.sha256(config))
        .hasToString(image.configDigest());
    storage.respondWith(200, Map.of("Content-Type", "application/octet-stream"), config);
    proxy.when("GET", "/v2/team/app/blobs/.*").then(Fault.redirectTo(storage.baseUri()));
    ResolvedImage resolved = client.resolve(ref(proxy.host()), ALICE, ResolveOptions.defaults());
    assertThat(resolved.metadata().architecture()).isEqualTo("amd64");
    assertThat(proxy.requests("GET", "/v2/team/app/blobs/.*"))
        .singleElement()
        .satisfies(r -> assertThat(r.authorization()).isPresent());
    assertThat(storage.requests())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.authorization())
                    .as("Authorization must not follow a redirect to another host")
                    .isEmpty());
  }

  @Test
  void refusesARedirectToTheCloudMetadataAddress() {
    proxy
        .when("GET", "/v2/team/app/blobs/.*")
        .then(Fault.redirectTo(java.net.URI.create("http://169.254.169.254")));
    assertFailsWith(
            ErrorKind.FORBIDDEN,
            () -> client.resolve(ref(proxy.host()), ALICE, ResolveOptions.defaults()))
        .hasMessageContaining("169.254.169.254");
  }
}
