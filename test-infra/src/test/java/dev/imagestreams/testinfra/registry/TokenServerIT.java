package dev.imagestreams.testinfra.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenServerIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static TokenServer server;
  private static TokenServer anonymousServer;

  @BeforeAll
  static void start() {
    server = TokenServer.start();
    anonymousServer =
        TokenServer.builder()
            .user("bob", "builder")
            .service("other-registry")
            .issuer("other-issuer")
            .expiresIn(Duration.ofSeconds(60))
            .publicRepositories("public/*", "library/busybox")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
    anonymousServer.close();
  }

  @BeforeEach
  void reset() {
    server.reset();
    anonymousServer.reset();
  }

  @Test
  void issuesSignedRs256TokenForValidCredentials() throws Exception {
    HttpResponse<byte[]> response =
        Http.get(
            tokenUri(
                server,
                "imagestream-test-registry",
                "repository:team/app:pull,push",
                "repository:team/base:pull"),
            "Authorization",
            Credentials.DEFAULT.basicAuthorization());

    assertEquals(200, response.statusCode(), () -> Http.text(response));
    assertEquals("application/json", Http.header(response, "Content-Type"));
    JsonNode body = JSON.readTree(response.body());
    assertEquals(body.get("token").asText(), body.get("access_token").asText());
    assertEquals(300, body.get("expires_in").asInt());
    Instant issuedAt = Instant.parse(body.get("issued_at").asText());

    Jwt jwt = Jwt.parse(body.get("token").asText());
    assertTrue(jwt.signatureValid());
    assertEquals(server.certificate(), jwt.x5c());
    assertEquals("RS256", jwt.header().get("alg").asText());
    assertEquals("JWT", jwt.header().get("typ").asText());
    JsonNode claims = jwt.claims();
    assertEquals(TokenServer.DEFAULT_ISSUER, claims.get("iss").asText());
    assertEquals("alice", claims.get("sub").asText());
    assertEquals("imagestream-test-registry", claims.get("aud").asText());
    assertEquals(issuedAt.getEpochSecond(), claims.get("iat").asLong());
    assertEquals(claims.get("iat").asLong() + 300, claims.get("exp").asLong());
    assertTrue(claims.get("nbf").asLong() <= claims.get("iat").asLong());
    assertFalse(claims.get("jti").asText().isEmpty());
    JsonNode access = claims.get("access");
    assertEquals(2, access.size());
    assertEquals("repository", access.get(0).get("type").asText());
    assertEquals("team/app", access.get(0).get("name").asText());
    assertEquals("[\"pull\",\"push\"]", access.get(0).get("actions").toString());
    assertEquals("team/base", access.get(1).get("name").asText());

    assertEquals(1, server.requestCount());
    assertEquals(
        List.of("repository:team/app:pull,push", "repository:team/base:pull"),
        server.requestedScopes());
    TokenRequest request = server.requests().get(0);
    assertEquals("alice", request.user());
    assertEquals(200, request.status());
  }

  @Test
  void rejectsWrongCredentialsWithJsonError() throws IOException {
    HttpResponse<byte[]> response =
        Http.get(
            tokenUri(server, "imagestream-test-registry", "repository:a:pull"),
            "Authorization",
            new Credentials("alice", "wrong").basicAuthorization());
    assertEquals(401, response.statusCode());
    JsonNode error = JSON.readTree(response.body()).get("errors").get(0);
    assertEquals("UNAUTHORIZED", error.get("code").asText());
    assertEquals("incorrect username or password", error.get("message").asText());
    assertTrue(Http.header(response, "WWW-Authenticate").startsWith("Basic realm="));

    HttpResponse<byte[]> bearer =
        Http.get(
            tokenUri(server, "imagestream-test-registry", "repository:a:pull"),
            "Authorization",
            "Bearer something");
    assertEquals(401, bearer.statusCode());
    assertEquals(2, server.requestCount());
    assertNull(server.requests().get(0).user());
  }

  @Test
  void refusesAnonymousRequestsByDefault() {
    HttpResponse<byte[]> response =
        Http.get(tokenUri(server, "imagestream-test-registry", "repository:a:pull"));
    assertEquals(401, response.statusCode());
    assertTrue(Http.text(response).contains("UNAUTHORIZED"));
    assertFalse(server.requests().get(0).hadAuthorization());
  }

  @Test
  void anonymousTokensGrantPullOnPublicRepositoriesOnly() throws IOException {
    HttpResponse<byte[]> response =
        Http.get(
            tokenUri(
                anonymousServer,
                "other-registry",
                "repository:public/app:pull,push",
                "repository:private/app:pull",
                "repository:library/busybox:pull"));
    assertEquals(200, response.statusCode(), () -> Http.text(response));
    JsonNode body = JSON.readTree(response.body());
    assertEquals(60, body.get("expires_in").asInt());
    Jwt jwt = Jwt.parse(body.get("token").asText());
    assertEquals("", jwt.claims().get("sub").asText());
    assertEquals("other-issuer", jwt.claims().get("iss").asText());
    assertEquals("other-registry", jwt.claims().get("aud").asText());
    assertEquals(jwt.claims().get("iat").asLong() + 60, jwt.claims().get("exp").asLong());
    assertEquals(
        "[{\"type\":\"repository\",\"name\":\"public/app\",\"actions\":[\"pull\"]},"
            + "{\"type\":\"repository\",\"name\":\"library/busybox\",\"actions\":[\"pull\"]}]",
        jwt.claims().get("access").toString());

    HttpResponse<byte[]> user =
        Http.get(
            tokenUri(anonymousServer, "other-registry", "repository:private/app:push"),
            "Authorization",
            new Credentials("bob", "builder").basicAuthorization());
    assertEquals(
        "[{\"type\":\"repository\",\"name\":\"private/app\",\"actions\":[\"push\"]}]",
        Jwt.parse(JSON.readTree(user.body()).get("token").asText())
            .claims()
            .get("access")
            .toString());
    HttpResponse<byte[]> alice =
        Http.get(
            tokenUri(anonymousServer, "other-registry", "repository:a:pull"),
            "Authorization",
            Credentials.DEFAULT.basicAuthorization());
    assertEquals(401, alice.statusCode(), "alice is not a user of this server");
    assertEquals(3, anonymousServer.requestCount());
  }

  @Test
  void issuesExplicitTokens() {
    String token =
        server.issueToken(
            "carol",
            "aud",
            List.of(TokenAccess.parse("repository:x/y:pull")),
            Duration.ofSeconds(-10));
    Jwt jwt = Jwt.parse(token);
    assertTrue(jwt.signatureValid());
    assertTrue(jwt.claims().get("exp").asLong() < Instant.now().getEpochSecond(), "expired");
    assertEquals("x/y", jwt.claims().get("access").get(0).get("name").asText());
  }

  @Test
  void parsesScopes() {
    assertEquals(
        new TokenAccess("repository", "team/app", List.of("pull", "push")),
        TokenAccess.parse("repository:team/app:pull,push"));
    assertEquals(
        new TokenAccess("registry", "catalog", List.of("*")),
        TokenAccess.parse("registry:catalog:*"));
    assertEquals(
        new TokenAccess("repository", "localhost:5000/app", List.of("pull")),
        TokenAccess.parse("repository:localhost:5000/app:pull"));
    assertNull(TokenAccess.parse("nonsense"));
  }

  @Test
  void bundledCertificateIsValidForYears() throws Exception {
    server.certificate().checkValidity();
    assertTrue(
        server
            .certificate()
            .getNotAfter()
            .toInstant()
            .isAfter(Instant.now().plus(Duration.ofDays(3650))),
        "regenerate token.p12 and token.pem (see TokenServer) before the certificate expires");
  }

  @Test
  void exposesRealmAndCertificateFile() throws IOException {
    assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/token"), server.realm());
    assertTrue(
        Files.readString(server.rootCertificateFile()).startsWith("-----BEGIN CERTIFICATE-----"));
    assertEquals(404, Http.get(server.baseUri().resolve("/other")).statusCode());
  }

  private static URI tokenUri(TokenServer target, String service, String... scopes) {
    StringBuilder query =
        new StringBuilder("service=" + URLEncoder.encode(service, StandardCharsets.UTF_8));
    for (String scope : scopes) {
      query.append("&scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    }
    return URI.create(target.realm() + "?" + query);
  }
}
