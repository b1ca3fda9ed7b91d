package dev.imagestreams.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.registry.reference.ImageReference;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which credentials an image gets: Docker config keys read as registry host and path, matching by
 * host and path prefix, and what credentials reveal of themselves (nothing secret).
 */
class CredentialMatchingTest {
  private static final RegistryCredentials ROBOT = RegistryCredentials.basic("robot", "secret");
  private final DockerConfigParser parser = new DockerConfigParser();

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # config key                     | registry         | path prefix
          quay.io                          | quay.io          | ''
          quay.io/Org/                     | quay.io          | org
          https://quay.io/org//            | quay.io          | org
          ://quay.io                       | quay.io          | ''
          https://index.docker.io/v1/      | docker.io        | ''
          registry-1.docker.io/v2          | docker.io        | ''
          docker.io/v1x                    | docker.io        | v1x
          quay.io/v1                       | quay.io          | v1
          reg.local:5000/a/b               | reg.local:5000   | a/b
          ''                               | -                | -
          https://                         | -                | -
          /org                             | -                | -
          ///                              | -                | -
          """)
  void readsAConfigKeyAsRegistryAndPathPrefix(String key, String registry, String path) {
    Optional<CredentialStore.Entry> entry = CredentialStore.entry(key, ROBOT);
    if (registry == null) {
      assertThat(entry).as("a key without a host matches nothing").isEmpty();
      return;
    }
    assertThat(entry).contains(new CredentialStore.Entry(registry, path, ROBOT));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # image                       | credentials of
          quay.io/org/app               | org
          quay.io/org                   | org
          quay.io/org/team/app          | team
          quay.io/organisation/app      | host
          quay.io/other/app             | host
          quay.io:443/org/app           | -
          evil.example/org/app          | -
          python                        | hub
          registry-1.docker.io/lib/app  | hub
          """)
  void theMostSpecificEntryOfTheImagesOwnHostWins(String image, String expected) throws Exception {
    CredentialStore store =
        new CredentialStore(
            List.of(
                entry("quay.io", "host"),
                entry("quay.io/org", "org"),
                entry("quay.io/org/team", "team"),
                entry("https://index.docker.io/v1/", "hub")));
    assertThat(store.lookup(ImageReference.parse(image)).map(RegistryCredentials::username))
        .isEqualTo(Optional.ofNullable(expected));
    assertThat(store.isEmpty()).isFalse();
    assertThat(store.entries()).hasSize(4);
    assertThat(CredentialStore.EMPTY.isEmpty()).isTrue();
    assertThat(CredentialStore.EMPTY.entries()).isEmpty();
  }

  @Test
  void basicAuthorizationEncodesUserAndPasswordAndMissingPartsAsEmpty() {
    assertThat(ROBOT.basicAuthorization()).isEqualTo("Basic " + b64("robot:secret"));
    assertThat(new RegistryCredentials(null, "secret", null).basicAuthorization())
        .isEqualTo("Basic " + b64(":secret"));
    assertThat(new RegistryCredentials("robot", null, null).basicAuthorization())
        .isEqualTo("Basic " + b64("robot:"));
  }

  @Test
  void saysWhichKindOfCredentialsItHolds() {
    assertThat(ROBOT.hasPassword()).isTrue();
    assertThat(ROBOT.hasIdentityToken()).isFalse();
    assertThat(new RegistryCredentials("robot", null, null).hasPassword()).isFalse();
    assertThat(new RegistryCredentials(null, "secret", null).hasPassword()).isFalse();
    RegistryCredentials token = RegistryCredentials.identityToken("refresh");
    assertThat(token.hasIdentityToken()).isTrue();
    assertThat(token.hasPassword()).isFalse();
    assertThat(RegistryCredentials.identityToken("").hasIdentityToken()).isFalse();
  }

  @Test
  void neverShowsASecret() {
    assertThat(ROBOT.toString()).isEqualTo("RegistryCredentials[username=robot, password=***]");
    assertThat(RegistryCredentials.identityToken("refresh").toString())
        .isEqualTo("RegistryCredentials[identityToken=***]");
    assertThat(new RegistryCredentials("user", "pw", "refresh").toString())
        .doesNotContain("pw")
        .doesNotContain("refresh");
  }

  @Test
  void fingerprintsTellApartCredentialsThatConcatenateAlike() {
    assertThat(RegistryCredentials.basic("ab", "c").fingerprint())
        .isNotEqualTo(RegistryCredentials.basic("a", "bc").fingerprint());
    assertThat(RegistryCredentials.basic("a", "b").fingerprint())
        .isEqualTo(RegistryCredentials.basic("a", "b").fingerprint())
        .hasSize(24);
    assertThat(new RegistryCredentials(null, null, "t").fingerprint())
        .isNotEqualTo(new RegistryCredentials("t", null, null).fingerprint());
  }

  @Test
  void aDockerConfigWithoutAuthsHasNoCredentials() throws Exception {
    assertThat(parser.parseDockerConfigJson(bytes("{\"credsStore\":\"desktop\"}")).isEmpty())
        .isTrue();
  }

  @Test
  void anAuthValueFillsWhatUsernameAndPasswordLeaveOut() throws Exception {
    String json =
        """
        {"auths":{
          "quay.io":{"username":"robot","auth":"%s"},
          "ghcr.io":{"auth":"%s"}
        }}
        """
            .formatted(b64("robot:from-auth"), b64(":only-password"));
    CredentialStore store = parser.parseDockerConfigJson(bytes(json));
    assertThat(store.lookup(ImageReference.parse("quay.io/a/b")))
        .contains(RegistryCredentials.basic("robot", "from-auth"));
    assertThat(store.lookup(ImageReference.parse("ghcr.io/a/b")))
        .contains(RegistryCredentials.basic("", "only-password"));
  }

  @Test
  void aLegacyDockercfgMayWrapItsEntriesInAuths() throws Exception {
    String json =
        """
        {"auths":{"quay.io":{"auth":"%s"}}}
        """
            .formatted(b64("robot:secret"));
    assertThat(parser.parseDockerCfg(bytes(json)).lookup(ImageReference.parse("quay.io/a/b")))
        .contains(ROBOT);
    assertThatThrownBy(
            () ->
                parser.parseDockerCfg(
                    bytes("{\"quay.io\":{\"auth\":\"%s\"}}".formatted(b64("no-colon")))))
        .hasMessageContaining("user:password");
  }

  private static CredentialStore.Entry entry(String key, String username) {
    return CredentialStore.entry(key, RegistryCredentials.basic(username, "pw")).orElseThrow();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(bytes(s));
  }
}
