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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@RequiresBuilt(BuiltBinary.CRANE)
class BasicAuthRegistryIT {

  @RegisterExtension static RegistryExtension registry = RegistryExtension.basicAuth();

  @Test
  void rejectsMissingAndWrongCredentials() {
    URI v2 = registry.baseUri().resolve("/v2/");
    HttpResponse<byte[]> anonymous = Http.get(v2);
    assertEquals(401, anonymous.statusCode());
    assertEquals(
        "Basic realm=\"imagestream-test-registry\"", Http.header(anonymous, "WWW-Authenticate"));
    assertTrue(Http.text(anonymous).contains("UNAUTHORIZED"), Http.text(anonymous));

    HttpResponse<byte[]> wrong =
        Http.get(v2, "Authorization", new Credentials("alice", "wrong").basicAuthorization());
    assertEquals(401, wrong.statusCode());
    HttpResponse<byte[]> unknown =
        Http.get(v2, "Authorization", new Credentials("mallory", "s3cret").basicAuthorization());
    assertEquals(401, unknown.statusCode());

    HttpResponse<byte[]> right =
        Http.get(v2, "Authorization", Credentials.DEFAULT.basicAuthorization());
    assertEquals(200, right.statusCode());
  }

  @Test
  void pushesAndPullsWithCredentialsOnly() {
    assertEquals(Credentials.DEFAULT, registry.credentials());
    PushedIndex index = registry.pusher().pushDockerManifestList("basic/app", "1.0");

    HttpResponse<byte[]> read =
        Http.get(
            registry.baseUri().resolve("/v2/basic/app/manifests/1.0"),
            "Authorization",
            Credentials.DEFAULT.basicAuthorization(),
            "Accept",
            MediaTypes.ACCEPT_ALL_MANIFESTS);
    assertEquals(200, read.statusCode());
    assertArrayEquals(index.manifest(), read.body());
    assertEquals(index.digest(), Http.header(read, "Docker-Content-Digest"));
    assertArrayEquals(index.manifest(), Crane.manifest(index.reference(), Credentials.DEFAULT));

    Crane.Result wrong =
        Crane.run(new Credentials("alice", "nope"), List.of("manifest", index.reference()));
    assertNotEquals(0, wrong.exitCode());
    assertTrue(wrong.stderr().contains("UNAUTHORIZED"), wrong::output);

    IllegalStateException anonymous =
        assertThrows(
            IllegalStateException.class,
            () ->
                new ImagePusher(registry.baseUri())
                    .pushOciImage("basic/app", "2", Platform.LINUX_AMD64));
    assertTrue(anonymous.getMessage().contains("answered 401"), anonymous.getMessage());
    IllegalStateException wrongPush =
        assertThrows(
            IllegalStateException.class,
            () ->
                new ImagePusher(registry.baseUri(), new Credentials("alice", "nope"))
                    .pushOciImage("basic/app", "2", Platform.LINUX_AMD64));
    assertTrue(wrongPush.getMessage().contains("answered 401"), wrongPush.getMessage());
  }
}
