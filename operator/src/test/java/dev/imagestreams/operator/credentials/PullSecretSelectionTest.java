package dev.imagestreams.operator.credentials;

import static dev.imagestreams.operator.credentials.PullSecrets.secret;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.registry.auth.CredentialStore;
import dev.imagestreams.registry.auth.RegistryCredentials;
import dev.imagestreams.registry.reference.ImageReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which Secrets give a namespace its pull credentials: pull-secret types only, never one excluded
 * by annotation, never one of another namespace, the first by name for a registry; unreadable ones
 * are ignored, and a parse is reused only for the same resource version.
 */
class PullSecretSelectionTest {
  private static final String REGISTRY = PullSecrets.REGISTRY;

  @ParameterizedTest(name = "type {0}, excludeSecret {1}: {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # type                            | excludeSecret annotation | usable
          kubernetes.io/dockerconfigjson    | -                        | true
          kubernetes.io/dockercfg           | -                        | true
          kubernetes.io/dockerconfigjson    | true                     | false
          kubernetes.io/dockercfg           | true                     | false
          kubernetes.io/dockerconfigjson    | false                    | true
          kubernetes.io/dockerconfigjson    | TRUE                     | true
          Opaque                            | -                        | false
          kubernetes.io/basic-auth          | -                        | false
          -                                 | -                        | false
          """)
  void onlyPullSecretsThatAreNotExcludedAreUsable(String type, String exclude, boolean usable)
      throws Exception {
    Map<String, String> annotations = new HashMap<>();
    annotations.put("other", "x");
    if (exclude != null) {
      annotations.put(CredentialIndex.EXCLUDE_ANNOTATION, exclude);
    }
    Secret secret = secret("team", "creds", "u1", "1", type, "alice");
    secret.getMetadata().setAnnotations(annotations);
    assertThat(CredentialIndex.usable(secret)).isEqualTo(usable);
    CredentialIndex index = new CredentialIndex(ns -> List.of(secret));
    assertThat(user(index.forNamespace("team")))
        .isEqualTo(usable ? Optional.of("alice") : Optional.empty());
  }

  @Test
  void aSecretWithoutAnnotationsIsUsable() throws Exception {
    Secret secret = secret("team", "creds", "u1", "1", CredentialIndex.DOCKER_CONFIG_JSON, "alice");
    assertThat(secret.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(CredentialIndex.usable(secret)).isTrue();
  }

  @Test
  void neverASecretOfAnotherNamespace() throws Exception {
    Secret foreign = secret("other", "creds", "u1", "1", CredentialIndex.DOCKER_CONFIG_JSON, "eve");
    CredentialIndex index = new CredentialIndex(ns -> List.of(foreign));
    assertThat(index.forNamespace("team").isEmpty()).isTrue();
    assertThat(index.cachedSecrets()).isEmpty();
  }

  @Test
  void aNamespaceWithoutPullSecretsHasNoCredentials() throws Exception {
    CredentialIndex index = new CredentialIndex(ns -> List.of());
    assertThat(index.forNamespace("team").isEmpty()).isTrue();
  }

  @Test
  void forOneRegistryTheSecretFirstByNameWins() throws Exception {
    Secret later = secret("team", "b-creds", "u2", "1", CredentialIndex.DOCKER_CONFIG_JSON, "bob");
    Secret first =
        secret("team", "a-creds", "u1", "1", CredentialIndex.DOCKER_CONFIG_JSON, "alice");
    CredentialIndex index = new CredentialIndex(ns -> List.of(later, first));
    assertThat(user(index.forNamespace("team"))).contains("alice");
  }

  @Test
  void aLegacyDockercfgSecretIsRead() throws Exception {
    Secret legacy = secret("team", "creds", "u1", "1", CredentialIndex.DOCKER_CFG, "carol");
    CredentialIndex index = new CredentialIndex(ns -> List.of(legacy));
    assertThat(user(index.forNamespace("team"))).contains("carol");
  }

  @Test
  void unreadableSecretsAreIgnoredAndTheOthersStillServe() throws Exception {
    Secret noKey = withData("a", "u1", Map.of("other", "e30="));
    Secret noData = withData("b", "u2", null);
    Secret notBase64 = withData("c", "u3", Map.of(".dockerconfigjson", "%%%"));
    Secret notJson = withData("d", "u4", Map.of(".dockerconfigjson", PullSecrets.b64("not json")));
    Secret good = secret("team", "e", "u5", "1", CredentialIndex.DOCKER_CONFIG_JSON, "dave");
    CredentialIndex index =
        new CredentialIndex(ns -> List.of(noKey, noData, notBase64, notJson, good));
    assertThat(user(index.forNamespace("team"))).contains("dave");
  }

  @Test
  void aParseIsReusedForTheSameResourceVersionOnly() throws Exception {
    List<Secret> inCache =
        new ArrayList<>(
            List.of(
                secret("team", "creds", "u1", "7", CredentialIndex.DOCKER_CONFIG_JSON, "alice")));
    CredentialIndex index = new CredentialIndex(ns -> List.copyOf(inCache));
    assertThat(user(index.forNamespace("team"))).contains("alice");

    inCache.set(0, secret("team", "creds", "u1", "7", CredentialIndex.DOCKER_CONFIG_JSON, "bob"));
    assertThat(user(index.forNamespace("team")))
        .as("same version: the parse is reused")
        .contains("alice");

    inCache.set(0, secret("team", "creds", "u1", "8", CredentialIndex.DOCKER_CONFIG_JSON, "bob"));
    assertThat(user(index.forNamespace("team"))).as("new version: parsed again").contains("bob");
  }

  @Test
  void aSecretWithoutUidIsKeptByNameAndForgottenByName() throws Exception {
    Secret noUid = secret("team", "creds", null, "1", CredentialIndex.DOCKER_CONFIG_JSON, "alice");
    CredentialIndex index = new CredentialIndex(ns -> List.of(noUid));
    assertThat(user(index.forNamespace("team"))).contains("alice");
    assertThat(index.cachedSecrets()).containsExactly("team/creds");
    index.forget(noUid);
    assertThat(index.cachedSecrets()).isEmpty();
  }

  @Test
  void aSecretAlreadyGoneFromTheCacheWhenItsParseIsStoredIsNotKept() throws Exception {
    Secret listed = secret("team", "creds", "u1", "1", CredentialIndex.DOCKER_CONFIG_JSON, "alice");
    Secret successor =
        secret("team", "creds", "u2", "1", CredentialIndex.DOCKER_CONFIG_JSON, "bob");
    AtomicInteger listings = new AtomicInteger();
    // the reconcile's listing still has the old Secret; by the time its parse is stored the cache
    // holds only a new Secret of the same name (another uid)
    CredentialIndex index =
        new CredentialIndex(
            ns -> listings.getAndIncrement() == 0 ? List.of(listed) : List.of(successor));
    assertThat(user(index.forNamespace("team"))).contains("alice");
    assertThat(index.cachedSecrets()).isEmpty();
  }

  private static Optional<String> user(CredentialStore store) throws Exception {
    return store
        .lookup(ImageReference.parse(REGISTRY + "/team/app"))
        .map(RegistryCredentials::username);
  }

  /** A dockerconfigjson Secret of namespace team whose data is replaced. */
  private static Secret withData(String name, String uid, Map<String, String> data) {
    return new SecretBuilder(
            secret("team", name, uid, "1", CredentialIndex.DOCKER_CONFIG_JSON, "x"))
        .withData(data)
        .build();
  }
}
