package dev.imagestreams.registry;

import static dev.imagestreams.registry.testing.RegistryFailures.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.registry.auth.RegistryCredentials;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.http.TrustedCas;
import dev.imagestreams.registry.reference.ImageReference;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.DistributionRegistry;
import dev.imagestreams.testinfra.registry.Fault;
import dev.imagestreams.testinfra.registry.FaultProxy;
import dev.imagestreams.testinfra.registry.ImagePusher;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.RecordingServer;
import dev.imagestreams.testinfra.registry.TestCertificates;
import dev.imagestreams.testinfra.registry.TokenServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS against a registry serving HTTPS with a self-signed certificate for 127.0.0.1. */
@RequiresBuilt(BuiltBinary.DISTRIBUTION_REGISTRY)
class RegistryTlsIT {
  private static Path dir;
  private static TestCertificates.TlsMaterial tls;
  private static DistributionRegistry registry;
  private static PushedImage image;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("registry-tls-");
    tls = TestCertificates.selfSigned(dir, "ip:127.0.0.1");
    registry = DistributionRegistry.builder().tls(tls).start();
    image = new ImagePusher(registry.baseUri()).pushOciImage("tls/app", "v1", Platform.LINUX_AMD64);
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  private ImageReference ref(String host) throws RegistryException {
    return ImageReference.parse(host + "/tls/app:v1");
  }

  @Test
  void aCaTrustedForTheRegistryMakesItsCertificateVerifiable() throws RegistryException {
    RegistryClient client =
        new RegistryClient(
            RegistrySettings.builder()
                .trustedCas(TrustedCas.of(registry.host(), tls.certificate()))
                .build());
    ResolvedImage resolved =
        client.resolve(ref(registry.host()), Access.anonymous(false), ResolveOptions.defaults());
    assertThat(resolved.digest()).hasToString(image.digest());
  }

  @Test
  void aCaTrustedForOneRegistryDoesNotVouchForAnother() throws Exception {
    // another registry presenting a certificate the first registry's CA signed
    try (DistributionRegistry other = DistributionRegistry.builder().tls(tls).start()) {
      new ImagePusher(other.baseUri()).pushOciImage("tls/app", "v1", Platform.LINUX_AMD64);
      RegistryClient client =
          new RegistryClient(
              RegistrySettings.builder()
                  .trustedCas(TrustedCas.of(registry.host(), tls.certificate()))
                  .build());
      assertThat(
              client
                  .resolve(ref(registry.host()), Access.anonymous(false), ResolveOptions.defaults())
                  .digest())
          .hasToString(image.digest());
      assertFailsWith(
              ErrorKind.BAD_REQUEST,
              () ->
                  client.resolve(
                      ref(other.host()), Access.anonymous(false), ResolveOptions.defaults()))
          .hasMessageContaining("the TLS certificate of " + other.host() + " is not trusted");
    }
  }

  @Test
  void anUntrustedCertificateIsABadRequestThatSaysWhatToDo() {
    RegistryClient client = new RegistryClient(RegistrySettings.builder().build());
    assertFailsWith(
            ErrorKind.BAD_REQUEST,
            () ->
                client.resolve(
                    ref(registry.host()), Access.anonymous(false), ResolveOptions.defaults()))
        .hasMessageContaining("the TLS certificate of " + registry.host() + " is not trusted")
        .hasMessageContaining("add its CA to the trusted CAs or mark the registry insecure");
  }

  @Test
  void theHostNameIsVerifiedToo() throws RegistryException {
    String byNameHost = "localhost:" + registry.port();
    RegistryClient client =
        new RegistryClient(
            RegistrySettings.builder()
                .trustedCas(TrustedCas.of(byNameHost, tls.certificate()))
                .build());
    ImageReference byName = ImageReference.parse(byNameHost + "/tls/app:v1");
    assertFailsWith(
            ErrorKind.BAD_REQUEST,
            () -> client.resolve(byName, Access.anonymous(false), ResolveOptions.defaults()))
        .hasMessageContaining("not trusted");
  }

  @Test
  void insecureAccessSkipsVerification() throws RegistryException {
    RegistryClient client = new RegistryClient(RegistrySettings.builder().build());
    ResolvedImage resolved =
        client.resolve(ref(registry.host()), Access.anonymous(true), ResolveOptions.defaults());
    assertThat(resolved.digest()).hasToString(image.digest());
  }

  @Test
  void identityTokensUseTheRefreshTokenGrantAndNeverBasicAuth() throws Exception {
    try (TokenServer tokens = TokenServer.builder().start();
        DistributionRegistry tokenRegistry = DistributionRegistry.tokenAuth(tokens).start();
        FaultProxy proxy = FaultProxy.start(tokenRegistry.baseUri());
        RecordingServer realm = RecordingServer.start()) {
      realm.respondWith(
          200,
          Map.of("Content-Type", "application/json"),
          "{\"access_token\":\"from-refresh\",\"expires_in\":300}"
              .getBytes(StandardCharsets.UTF_8));
      proxy.when("GET", "/v2/").then(Fault.rewriteChallenge(realm.baseUri() + "/oauth2/token"));
      RegistryClient client = new RegistryClient(RegistrySettings.builder().build());
      Access access = new Access(RegistryCredentials.identityToken("refresh-me"), true);
      assertFailsWith(
          ErrorKind.UNAUTHORIZED,
          () -> client.head(ImageReference.parse(proxy.host() + "/team/app:1"), access));
      assertThat(realm.requests())
          .isNotEmpty()
          .allSatisfy(
              r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.authorization()).isEmpty();
                String form = new String(r.body(), StandardCharsets.UTF_8);
                assertThat(form)
                    .contains(
                        "grant_type=refresh_token",
                        "refresh_token=refresh-me",
                        "service=" + tokens.service(),
                        "scope=repository%3Ateam%2Fapp%3Apull",
                        "client_id=imagestream-operator");
              });
      assertThat(proxy.requests("HEAD", ".*"))
          .anySatisfy(r -> assertThat(r.authorization()).contains("Bearer from-refresh"));
    }
  }
}
