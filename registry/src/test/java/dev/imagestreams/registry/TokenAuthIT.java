package dev.imagestreams.registry;

import static dev.imagestreams.registry.testing.RegistryFailures.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.registry.auth.RegistryCredentials;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.reference.ImageReference;
import dev.imagestreams.testinfra.registry.Fault;
import dev.imagestreams.testinfra.registry.FaultProxy;
import dev.imagestreams.testinfra.registry.OffsetClock;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import dev.imagestreams.testinfra.registry.TokenServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bearer token flow against distribution's token auth, with the token service in the test. */
class TokenAuthIT {
  @RegisterExtension
  static final RegistryExtension REGISTRY =
      RegistryExtension.tokenAuth(
          TokenServer.builder().allowAnonymous().publicRepositories("public/*"));

  private static final RegistryCredentials ALICE = RegistryCredentials.basic("alice", "s3cret");
  private static final dev.imagestreams.testinfra.registry.Platform AMD64 =
      dev.imagestreams.testinfra.registry.Platform.LINUX_AMD64;
  private static final int TAGS = 8;

  private static PushedImage privateImage;
  private static PushedImage publicImage;
  private static FaultProxy proxy;
  private RegistryClient client;

  @BeforeAll
  static void push() {
    privateImage = REGISTRY.pusher().pushOciImage("team/app", "v0", AMD64, 0);
    for (int i = 1; i < TAGS; i++) {
      REGISTRY.pusher().pushOciImage("team/app", "v" + i, AMD64, i);
    }
    publicImage = REGISTRY.pusher().pushOciImage("public/app", "v1", AMD64);
    proxy = FaultProxy.start(REGISTRY.baseUri());
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @BeforeEach
  void reset() {
    client = new RegistryClient(RegistrySettings.builder().build());
    REGISTRY.tokenServer().reset();
    proxy.reset();
  }

  private static ImageReference ref(String host, String repositoryAndTag) throws RegistryException {
    return ImageReference.parse(host + "/" + repositoryAndTag);
  }

  @Test
  void resolvesWithCredentials() throws RegistryException {
    ResolvedImage image =
        client.resolve(
            ref(REGISTRY.host(), "team/app:v0"),
            new Access(ALICE, true),
            ResolveOptions.defaults());
    assertThat(image.digest()).hasToString(privateImage.digest());
    assertThat(REGISTRY.tokenServer().requests())
        .allSatisfy(r -> assertThat(r.user()).isEqualTo("alice"));
  }

  @Test
  void distinctTagsCostOneHeadEachAndOneTokenPerScope() throws RegistryException {
    Access access = new Access(ALICE, true);
    for (int i = 0; i < TAGS; i++) {
      client.resolve(ref(proxy.host(), "team/app:v" + i), access, ResolveOptions.defaults());
    }
    proxy.clearRequests();
    REGISTRY.tokenServer().reset();
    RegistryClient fresh = new RegistryClient(RegistrySettings.builder().build());
    for (int i = 0; i < TAGS; i++) {
      fresh.head(ref(proxy.host(), "team/app:v" + i), access);
    }
    assertThat(proxy.count("HEAD", ".*")).isEqualTo(TAGS);
    assertThat(proxy.count("GET", "/v2/team/app/.*")).isZero();
    assertThat(REGISTRY.tokenServer().requestCount()).isEqualTo(1);
    assertThat(REGISTRY.tokenServer().requestedScopes())
        .containsExactly("repository:team/app:pull");
  }

  @Test
  void concurrentColdRequestsFetchOneToken() throws Exception {
    Access access = new Access(ALICE, true);
    client.head(
        ref(REGISTRY.host(), "public/app:v1"), Access.anonymous(true)); // learn the endpoint
    REGISTRY.tokenServer().reset();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<ManifestHead>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String tag = "v" + (i % TAGS);
        calls.add(() -> client.head(ref(REGISTRY.host(), "team/app:" + tag), access));
      }
      for (Future<ManifestHead> f : pool.invokeAll(calls)) {
        assertThat(f.get().digest()).isNotNull();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(REGISTRY.tokenServer().requestCount()).isEqualTo(1);
  }

  @Test
  void differentCredentialsNeverShareATokenOrTheCache() throws RegistryException {
    client.head(ref(REGISTRY.host(), "team/app:v0"), new Access(ALICE, true));
    assertFailsWith(
        ErrorKind.UNAUTHORIZED,
        () -> client.head(ref(REGISTRY.host(), "team/app:v0"), Access.anonymous(true)));
  }

  @Test
  void wrongPasswordIsUnauthorizedAndSaysSo() {
    Access wrong = new Access(RegistryCredentials.basic("alice", "wrong"), true);
    assertFailsWith(
            ErrorKind.UNAUTHORIZED,
            () ->
                client.resolve(
                    ref(REGISTRY.host(), "team/app:v0"), wrong, ResolveOptions.defaults()))
        .hasMessageContaining("incorrect username or password for registry " + REGISTRY.host())
        .hasMessageNotContaining("wrong");
  }

  @Test
  void anonymousAccessToAPrivateRepositoryIsUnauthorized() {
    assertFailsWith(
            ErrorKind.UNAUTHORIZED,
            () ->
                client.resolve(
                    ref(REGISTRY.host(), "team/app:v0"),
                    Access.anonymous(true),
                    ResolveOptions.defaults()))
        .hasMessageContaining("requires credentials and none were found");
  }

  @Test
  void anonymousTokensWorkForPublicRepositories() throws RegistryException {
    ResolvedImage image =
        client.resolve(
            ref(REGISTRY.host(), "public/app:v1"),
            Access.anonymous(true),
            ResolveOptions.defaults());
    assertThat(image.digest()).hasToString(publicImage.digest());
    assertThat(REGISTRY.tokenServer().requests())
        .allSatisfy(r -> assertThat(r.hadAuthorization()).isFalse());
  }

  @Test
  void rejectedCredentialsAreRetriedAnonymously() throws RegistryException {
    Access wrong = new Access(RegistryCredentials.basic("alice", "wrong"), true);
    ResolvedImage image =
        client.resolve(ref(REGISTRY.host(), "public/app:v1"), wrong, ResolveOptions.defaults());
    assertThat(image.digest()).hasToString(publicImage.digest());
  }

  @Test
  void challengeParametersInAnyOrderAndSeveralChallengesWork() throws RegistryException {
    String realm = REGISTRY.tokenServer().realm().toString();
    String service = REGISTRY.tokenServer().service();
    proxy
        .when("GET", "/v2/")
        .then(
            Fault.rewriteChallengeHeader(
                "Basic realm=\"basic, realm\", Bearer service=\""
                    + service
                    + "\", scope=\"x\" ,realm=\""
                    + realm
                    + "\""));
    ResolvedImage image =
        client.resolve(
            ref(proxy.host(), "team/app:v0"), new Access(ALICE, true), ResolveOptions.defaults());
    assertThat(image.digest()).hasToString(privateImage.digest());
  }

  @Test
  void refusesATokenRealmOnTheCloudMetadataAddress() {
    proxy
        .when("GET", "/v2/")
        .then(Fault.rewriteChallenge("http://169.254.169.254/latest/meta-data/token"));
    assertFailsWith(
            ErrorKind.FORBIDDEN,
            () ->
                client.resolve(
                    ref(proxy.host(), "team/app:v0"),
                    new Access(ALICE, true),
                    ResolveOptions.defaults()))
        .hasMessageContaining("169.254.169.254")
        .hasMessageContaining("link-local and cloud metadata addresses are not allowed");
    assertThat(REGISTRY.tokenServer().requestCount()).isZero();
  }

  @Test
  void anExpiredTokenIsReplaced() throws RegistryException {
    OffsetClock clock = new OffsetClock();
    RegistryClient timed = new RegistryClient(RegistrySettings.builder().clock(clock).build());
    Access access = new Access(ALICE, true);
    timed.head(ref(REGISTRY.host(), "team/app:v0"), access);
    timed.head(ref(REGISTRY.host(), "team/app:v1"), access);
    assertThat(REGISTRY.tokenServer().requestCount()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(10)); // the token server grants 300 s
    timed.head(ref(REGISTRY.host(), "team/app:v2"), access);
    assertThat(REGISTRY.tokenServer().requestCount()).isEqualTo(2);
  }

  @Test
  void aTokenTheRegistryRefusesIsRefetchedOnce() throws RegistryException {
    Access access = new Access(ALICE, true);
    client.head(ref(proxy.host(), "team/app:v0"), access);
    REGISTRY.tokenServer().reset();
    // the registry rejects the cached token once (as after a key rotation); the client refreshes it
    proxy
        .when("HEAD", "/v2/team/app/manifests/v1")
        .once()
        .then(
            Fault.status(
                401,
                java.util.Map.of(
                    "WWW-Authenticate",
                    "Bearer realm=\""
                        + REGISTRY.tokenServer().realm()
                        + "\",service=\""
                        + REGISTRY.tokenServer().service()
                        + "\",scope=\"repository:team/app:pull\",error=\"invalid_token\""),
                ""));
    assertThat(client.head(ref(proxy.host(), "team/app:v1"), access).digest()).isNotNull();
    assertThat(REGISTRY.tokenServer().requestCount()).isEqualTo(1);
  }
}
