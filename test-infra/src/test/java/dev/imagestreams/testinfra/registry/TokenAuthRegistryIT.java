package dev.imagestreams.testinfra.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RequiresBuilt;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@RequiresBuilt(BuiltBinary.CRANE)
class TokenAuthRegistryIT {

  /**
   * The realm names localhost: crane, the independent reader here, refuses a token realm on a
   * loopback IP address other than the registry's own host and port.
   */
  @RegisterExtension
  static RegistryExtension registry =
      RegistryExtension.tokenAuth(
          TokenServer.builder().publicRepositories("public/*").realmHost("localhost"));

  private static PushedImage privateImage;
  private static PushedIndex publicIndex;

  @BeforeAll
  static void pushFixtures() {
    ImagePusher pusher = registry.pusher();
    privateImage = pusher.pushOciImage("private/app", "1.0", Platform.LINUX_AMD64);
    publicIndex = pusher.pushOciIndex("public/app", "1.0");
  }

  @Test
  void challengesWithBearerRealmServiceAndScope() {
    HttpResponse<byte[]> base = Http.get(registry.baseUri().resolve("/v2/"));
    assertEquals(401, base.statusCode());
    TokenServer tokens = registry.tokenServer();
    assertEquals(
        "Bearer realm=\"" + tokens.realm() + "\",service=\"" + tokens.service() + "\"",
        Http.header(base, "WWW-Authenticate"));

    HttpResponse<byte[]> manifest = Http.get(manifestUri("private/app", "1.0"));
    assertEquals(401, manifest.statusCode());
    assertEquals(
        "Bearer realm=\""
            + tokens.realm()
            + "\",service=\""
            + tokens.service()
            + "\",scope=\"repository:private/app:pull\"",
        Http.header(manifest, "WWW-Authenticate"));
    assertTrue(Http.text(manifest).contains("UNAUTHORIZED"), Http.text(manifest));
  }

  @Test
  void pushAndPullWorkWithTokensFromTheTokenServer() {
    TokenServer tokens = registry.tokenServer();
    tokens.reset();
    PushedImage image = registry.pusher().pushDockerImage("private/docker", "1.0");
    assertTrue(tokens.requestCount() >= 1);
    assertTrue(
        tokens.requestedScopes().contains("repository:private/docker:pull,push"),
        tokens.requestedScopes()::toString);
    assertEquals("alice", tokens.requests().get(0).user());

    ImagePusher.Manifest read = registry.pusher().fetchManifest("private/docker", "1.0");
    assertArrayEquals(image.manifest(), read.body());
    assertEquals(image.digest(), read.digest());
    assertArrayEquals(
        privateImage.manifest(), Crane.manifest(privateImage.reference(), Credentials.DEFAULT));
  }

  @Test
  void tokenGrantsExactlyTheRequestedRepository() {
    TokenServer tokens = registry.tokenServer();
    String token =
        tokens.issueToken(
            "alice",
            tokens.service(),
            List.of(TokenAccess.parse("repository:private/app:pull")),
            Duration.ofMinutes(5));
    HttpResponse<byte[]> allowed =
        Http.get(
            manifestUri("private/app", "1.0"),
            "Authorization",
            "Bearer " + token,
            "Accept",
            MediaTypes.ACCEPT_ALL_MANIFESTS);
    assertEquals(200, allowed.statusCode(), () -> Http.text(allowed));
    assertArrayEquals(privateImage.manifest(), allowed.body());

    HttpResponse<byte[]> head =
        Http.head(
            manifestUri("private/app", "1.0"),
            "Authorization",
            "Bearer " + token,
            "Accept",
            MediaTypes.ACCEPT_ALL_MANIFESTS);
    assertEquals(200, head.statusCode());
    assertEquals(privateImage.digest(), Http.header(head, "Docker-Content-Digest"));

    HttpResponse<byte[]> otherRepository =
        Http.get(manifestUri("private/docker", "1.0"), "Authorization", "Bearer " + token);
    assertEquals(401, otherRepository.statusCode());
    assertTrue(
        Http.header(otherRepository, "WWW-Authenticate").contains("error=\"insufficient_scope\""),
        Http.header(otherRepository, "WWW-Authenticate"));
  }

  @Test
  void rejectsExpiredTokensAndForeignAudiences() {
    TokenServer tokens = registry.tokenServer();
    List<TokenAccess> pull = List.of(TokenAccess.parse("repository:private/app:pull"));
    String expired = tokens.issueToken("alice", tokens.service(), pull, Duration.ofMinutes(-5));
    HttpResponse<byte[]> expiredResponse =
        Http.get(manifestUri("private/app", "1.0"), "Authorization", "Bearer " + expired);
    assertEquals(401, expiredResponse.statusCode());
    assertTrue(
        Http.header(expiredResponse, "WWW-Authenticate").contains("error=\"invalid_token\""));

    String foreign = tokens.issueToken("alice", "another-service", pull, Duration.ofMinutes(5));
    assertEquals(
        401,
        Http.get(manifestUri("private/app", "1.0"), "Authorization", "Bearer " + foreign)
            .statusCode());
  }

  @Test
  void anonymousClientsPullPublicRepositoriesOnly() {
    ImagePusher anonymous = new ImagePusher(registry.baseUri());
    ImagePusher.Manifest index = anonymous.fetchManifest("public/app", "1.0");
    assertEquals(publicIndex.digest(), index.digest());
    assertArrayEquals(publicIndex.manifest(), Crane.manifest(publicIndex.reference()));
    assertTrue(
        registry.tokenServer().requests().stream()
            .anyMatch(request -> request.user() == null && request.status() == 200));

    IllegalStateException privatePull =
        assertThrows(
            IllegalStateException.class, () -> anonymous.fetchManifest("private/app", "1.0"));
    assertTrue(privatePull.getMessage().contains("answered 401"), privatePull.getMessage());

    IllegalStateException publicPush =
        assertThrows(
            IllegalStateException.class,
            () -> anonymous.pushOciImage("public/app", "anonymous", Platform.LINUX_AMD64, 9));
    assertTrue(publicPush.getMessage().contains("answered 401"), publicPush.getMessage());
  }

  @Test
  void anonymousTokenOpensV2ButAnUnknownRepositoryLooksLikeAPrivateOne() {
    TokenServer tokens = registry.tokenServer();
    String empty = tokens.issueToken("", tokens.service(), List.of(), Duration.ofMinutes(5));
    assertEquals(
        200,
        Http.get(registry.baseUri().resolve("/v2/"), "Authorization", "Bearer " + empty)
            .statusCode());
    HttpResponse<byte[]> unknown =
        Http.get(manifestUri("public/does-not-exist", "1"), "Authorization", "Bearer " + empty);
    assertEquals(
        401,
        unknown.statusCode(),
        "not 404: without pull access a missing repository is not revealed");
    assertTrue(
        Http.header(unknown, "WWW-Authenticate")
            .endsWith(
                ",scope=\"repository:public/does-not-exist:pull\",error=\"insufficient_scope\""));
    HttpResponse<byte[]> garbage =
        Http.get(registry.baseUri().resolve("/v2/"), "Authorization", "Bearer abc");
    assertTrue(Http.header(garbage, "WWW-Authenticate").endsWith(",error=\"invalid_token\""));
  }

  @Test
  void wrongPasswordFailsAtTheTokenServer() {
    ImagePusher wrong = new ImagePusher(registry.baseUri(), new Credentials("alice", "wrong"));
    IllegalStateException failure =
        assertThrows(IllegalStateException.class, () -> wrong.fetchManifest("private/app", "1.0"));
    assertTrue(failure.getMessage().contains("/token"), failure.getMessage());
    assertTrue(failure.getMessage().contains("answered 401"), failure.getMessage());
    Crane.Result crane =
        Crane.run(new Credentials("alice", "wrong"), List.of("manifest", privateImage.reference()));
    assertNotEquals(0, crane.exitCode());
    assertTrue(crane.stderr().contains("/token"), crane::output);
  }

  private static URI manifestUri(String repository, String reference) {
    return registry.baseUri().resolve("/v2/" + repository + "/manifests/" + reference);
  }
}
