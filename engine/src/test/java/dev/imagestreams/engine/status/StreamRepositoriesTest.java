package dev.imagestreams.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stream's repositories on the registry hosts, and pull specs localised into them. */
class StreamRepositoriesTest {
  private static final String A = "sha256:" + "a".repeat(64);
  private static final StreamRepositories CONFIGURED =
      new StreamRepositories("image-registry.svc:5000", "registry.apps.example.com", "ns", "app");
  private static final StreamRepositories NONE = new StreamRepositories(null, null, "ns", "app");

  @Test
  void repositoriesAreTheHostsNamespaceAndName() {
    assertThat(CONFIGURED.internal()).isEqualTo("image-registry.svc:5000/ns/app");
    assertThat(CONFIGURED.external()).isEqualTo("registry.apps.example.com/ns/app");
    assertThat(NONE.internal()).as("no internal host").isEmpty();
    assertThat(NONE.external()).as("no external host").isNull();
  }

  @Test
  void aPullSpecIntoTheInternalRegistryIsLocalisedByDigest() {
    assertThat(CONFIGURED.localized("image-registry.svc:5000/other/base:1", A))
        .isEqualTo("image-registry.svc:5000/ns/app@" + A);
  }

  @Test
  void otherPullSpecsStay() {
    assertThat(CONFIGURED.localized("nginx@" + A, A))
        .as("another registry")
        .isEqualTo("nginx@" + A);
    assertThat(CONFIGURED.localized("image-registry.svc:50001/x/y:1", A))
        .as("a host that only starts like it")
        .isEqualTo("image-registry.svc:50001/x/y:1");
    assertThat(CONFIGURED.localized("image-registry.svc:5000/x/y:1", null))
        .as("no digest")
        .isEqualTo("image-registry.svc:5000/x/y:1");
    assertThat(CONFIGURED.localized(null, A)).isNull();
    assertThat(NONE.localized("image-registry.svc:5000/x/y:1", A))
        .as("no internal host")
        .isEqualTo("image-registry.svc:5000/x/y:1");
  }
}
