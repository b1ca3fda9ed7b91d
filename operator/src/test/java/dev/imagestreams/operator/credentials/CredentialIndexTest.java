package dev.imagestreams.operator.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsed pull secrets are cached while the Secret lives, and go with it. */
class CredentialIndexTest {
  private static Secret pullSecret(String namespace, String name, String uid, String version) {
    return PullSecrets.secret(
        namespace, name, uid, version, CredentialIndex.DOCKER_CONFIG_JSON, "alice");
  }

  @Test
  void aDeletedSecretsCredentialsAreDropped() {
    List<Secret> inCache =
        new ArrayList<>(
            List.of(
                pullSecret("team", "creds", "u1", "1"), pullSecret("team", "other", "u2", "1")));
    CredentialIndex index = new CredentialIndex(ns -> List.copyOf(inCache));
    assertThat(index.forNamespace("team").isEmpty()).isFalse();
    assertThat(index.cachedSecrets()).containsExactlyInAnyOrder("team/creds", "team/other");

    Secret deleted = inCache.remove(0);
    index.forget(deleted);
    assertThat(index.cachedSecrets()).containsExactly("team/other");
  }

  @Test
  void aSecretDeletedWhileItIsParsedIsNotKept() {
    Secret secret = pullSecret("team", "creds", "u1", "1");
    java.util.concurrent.atomic.AtomicInteger listings =
        new java.util.concurrent.atomic.AtomicInteger();
    CredentialIndex[] index = new CredentialIndex[1];
    // the reconcile lists the Secret; it is deleted, and its deletion handled, before the parse is
    // stored
    index[0] =
        new CredentialIndex(
            ns -> {
              if (listings.getAndIncrement() == 0) {
                return List.of(secret);
              }
              index[0].forget(secret);
              return List.of();
            });
    assertThat(index[0].forNamespace("team").isEmpty())
        .as("the credentials still serve the reconcile that read them")
        .isFalse();
    assertThat(index[0].cachedSecrets()).isEmpty();
  }

  @Test
  void aChangedSecretIsParsedAgainInPlaceOfTheOldOne() {
    List<Secret> inCache = new ArrayList<>(List.of(pullSecret("team", "creds", "u1", "1")));
    CredentialIndex index = new CredentialIndex(ns -> List.copyOf(inCache));
    index.forNamespace("team");
    inCache.set(0, pullSecret("team", "creds", "u1", "2"));
    index.forNamespace("team");
    assertThat(index.cachedSecrets()).containsExactly("team/creds");
  }
}
