package dev.imagestreams.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.registry.reference.ImageReference;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerConfigParserTest {
  private final DockerConfigParser parser = new DockerConfigParser();

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static java.util.Optional<RegistryCredentials> lookup(CredentialStore store, String image)
      throws Exception {
    return store.lookup(ImageReference.parse(image));
  }

  /** A config.json with one entry: the user's credentials (password p) for the key. */
  private CredentialStore withUser(String key, String user) throws Exception {
    return parser.parseDockerConfigJson(
        bytes("{\"auths\":{\"" + key + "\":{\"username\":\"" + user + "\",\"password\":\"p\"}}}"));
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(bytes(s));
  }

  @Test
  void readsAuthUsernamePasswordAndIdentityToken() throws Exception {
    String json =
        """
        {"auths":{
          "https://index.docker.io/v1/":{"auth":"%s"},
          "quay.io":{"username":"robot","password":"secret"},
          "myregistry.azurecr.io":{"username":"00000000-0000-0000-0000-000000000000","identitytoken":"refresh"},
          "ghcr.io":{"auth":"%s","email":"x@example.com"},
          "only-email.example":{"email":"x@example.com"}
        }}
        """
            .formatted(b64("hubuser:hubpass:with:colons"), b64("gh:token"));
    CredentialStore store = parser.parseDockerConfigJson(bytes(json));
    assertThat(lookup(store, "python"))
        .get()
        .satisfies(
            c -> {
              assertThat(c.username()).isEqualTo("hubuser");
              assertThat(c.password()).isEqualTo("hubpass:with:colons");
            });
    assertThat(lookup(store, "quay.io/org/app").orElseThrow().username()).isEqualTo("robot");
    assertThat(
            store
                .lookup(ImageReference.parse("myregistry.azurecr.io/app"))
                .orElseThrow()
                .hasIdentityToken())
        .isTrue();
    assertThat(lookup(store, "ghcr.io/o/r").orElseThrow().password()).isEqualTo("token");
    assertThat(lookup(store, "only-email.example/a")).isEmpty();
    assertThat(lookup(store, "gcr.io/a/b")).isEmpty();
  }

  @Test
  void matchesDockerHubAliases() throws Exception {
    for (String key :
        List.of(
            "docker.io",
            "index.docker.io",
            "registry-1.docker.io",
            "https://index.docker.io/v1/",
            "https://registry-1.docker.io/v2/")) {
      CredentialStore store = withUser(key, "u");
      assertThat(lookup(store, "docker.io/library/python")).as(key).isPresent();
      assertThat(lookup(store, "index.docker.io/bitnami/redis")).as(key).isPresent();
    }
  }

  @Test
  void mostSpecificPathWins() throws Exception {
    String json =
        """
        {"auths":{"quay.io":{"username":"general","password":"p"},
                  "quay.io/team-a":{"username":"team-a","password":"p"}}}
        """;
    CredentialStore store = parser.parseDockerConfigJson(bytes(json));
    assertThat(lookup(store, "quay.io/team-a/app").orElseThrow().username()).isEqualTo("team-a");
    assertThat(lookup(store, "quay.io/team-ab/app").orElseThrow().username()).isEqualTo("general");
    assertThat(lookup(store, "quay.io/team-b/app").orElseThrow().username()).isEqualTo("general");
  }

  @Test
  void hostWithPortIsMatchedExactly() throws Exception {
    CredentialStore store = withUser("reg.local:5000", "u");
    assertThat(lookup(store, "reg.local:5000/a")).isPresent();
    assertThat(lookup(store, "reg.local/a")).isEmpty();
  }

  @Test
  void readsLegacyDockercfg() throws Exception {
    String json = "{\"quay.io\":{\"auth\":\"" + b64("a:b") + "\",\"email\":\"e\"}}";
    CredentialStore store = parser.parseDockerCfg(bytes(json));
    assertThat(lookup(store, "quay.io/x/y").orElseThrow().password()).isEqualTo("b");
  }

  @Test
  void mergedStoresPreferEarlierOnes() throws Exception {
    CredentialStore first = withUser("quay.io", "first");
    CredentialStore second = withUser("quay.io", "second");
    assertThat(
            CredentialStore.merge(List.of(first, second))
                .lookup(ImageReference.parse("quay.io/a/b"))
                .orElseThrow()
                .username())
        .isEqualTo("first");
  }

  @Test
  void errorsNeverShowSecrets() throws Exception {
    assertThatThrownBy(
            () ->
                parser.parseDockerConfigJson(
                    bytes("{\"auths\":{\"quay.io\":{\"auth\":\"s3cr3t-not-base64!\"}}}")))
        .hasMessageContaining("not base64")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(
            () ->
                parser.parseDockerConfigJson(
                    bytes(
                        "{\"auths\":{\"quay.io\":{\"auth\":\"" + b64("nocolon-s3cr3t") + "\"}}}")))
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> parser.parseDockerConfigJson(bytes("not json s3cr3t")))
        .hasMessage("not valid JSON");
  }

  @Test
  void credentialsNeverPrintSecrets() throws Exception {
    RegistryCredentials c = RegistryCredentials.basic("user", "s3cr3t");
    assertThat(c.toString()).doesNotContain("s3cr3t");
    assertThat(RegistryCredentials.identityToken("tok3n").toString()).doesNotContain("tok3n");
    assertThat(c.fingerprint())
        .doesNotContain("s3cr3t")
        .isEqualTo(RegistryCredentials.basic("user", "s3cr3t").fingerprint());
    assertThat(c.fingerprint())
        .isNotEqualTo(RegistryCredentials.basic("user", "other").fingerprint());
  }

  @Test
  void needsNoObjectMapperAndRefusesDeeplyNestedDocuments() throws Exception {
    String nested = "{\"a\":".repeat(100) + "{}" + "}".repeat(100);
    String json = "{\"auths\":{\"quay.io\":" + nested + "}}";

    assertThatThrownBy(() -> new DockerConfigParser().parseDockerConfigJson(bytes(json)))
        .isInstanceOf(DockerConfigParser.InvalidDockerConfigException.class)
        .hasMessage("not valid JSON");
  }
}
