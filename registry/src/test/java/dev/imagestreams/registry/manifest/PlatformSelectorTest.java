package dev.imagestreams.registry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.reference.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformSelectorTest {
  private static int counter;

  private static PlatformManifest entry(String platform) {
    return entry(platform, Map.of());
  }

  private static PlatformManifest entry(String platform, Map<String, String> annotations) {
    String hex = String.format("%064x", ++counter);
    return new PlatformManifest(
        new Digest("sha256", hex),
        MediaTypes.OCI_MANIFEST,
        500,
        Platform.parse(platform),
        annotations);
  }

  private static ManifestList list(PlatformManifest... entries) {
    return new ManifestList(MediaTypes.OCI_INDEX, List.of(entries));
  }

  private static PlatformManifest select(ManifestList list, PlatformPreference... prefs)
      throws RegistryException {
    return PlatformSelector.select(list, new ArrayList<>(List.of(prefs)), "test");
  }

  @Test
  void tagAnnotationPreferenceComesFirst() throws RegistryException {
    PlatformManifest amd = entry("linux/amd64");
    PlatformManifest arm = entry("linux/arm64/v8");
    PlatformManifest ppc = entry("linux/ppc64le");
    ManifestList l = list(amd, arm, ppc);
    PlatformPreference annotation = new PlatformPreference(null, "ppc64le", null);
    PlatformPreference configured = PlatformPreference.of(Platform.parse("linux/arm64"));
    assertThat(select(l, annotation, configured, PlatformPreference.LINUX_AMD64)).isEqualTo(ppc);
    assertThat(select(l, configured, PlatformPreference.LINUX_AMD64)).isEqualTo(arm);
    assertThat(select(l, PlatformPreference.LINUX_AMD64)).isEqualTo(amd);
  }

  @Test
  void linuxAmd64IsTheFallBackWhenNoPreferenceMatches() throws RegistryException {
    PlatformManifest arm = entry("linux/arm64/v8");
    PlatformManifest amd = entry("linux/amd64");
    ManifestList l = list(arm, amd);

    assertThat(select(l)).isEqualTo(amd);
    assertThat(select(l, new PlatformPreference("linux", "s390x", null))).isEqualTo(amd);
    assertThat(select(list(arm, entry("linux/ppc64le")))).isEqualTo(arm);
  }

  @Test
  void unmatchedPreferencesFallThroughToTheNext() throws RegistryException {
    PlatformManifest arm = entry("linux/arm64/v8");
    PlatformManifest amd = entry("linux/amd64");
    ManifestList l = list(arm, amd);
    PlatformPreference s390x = new PlatformPreference("linux", "s390x", null);
    assertThat(select(l, s390x, PlatformPreference.LINUX_AMD64)).isEqualTo(amd);
  }

  @Test
  void firstImageEntryWhenNothingMatches() throws RegistryException {
    PlatformManifest attestation =
        entry("unknown/unknown", Map.of("vnd.docker.reference.type", "attestation-manifest"));
    PlatformManifest arm = entry("linux/arm64/v8");
    PlatformManifest ppc = entry("linux/ppc64le");
    assertThat(select(list(attestation, arm, ppc), PlatformPreference.LINUX_AMD64)).isEqualTo(arm);
  }

  @Test
  void attestationsAreNeverChosen() {
    PlatformManifest attestation =
        entry("linux/amd64", Map.of("vnd.docker.reference.type", "attestation-manifest"));
    assertThat(attestation.isAttestation()).isTrue();
    assertThatThrownBy(
            () ->
                select(list(attestation, entry("unknown/unknown")), PlatformPreference.LINUX_AMD64))
        .isInstanceOf(RegistryException.class)
        .satisfies(
            e -> assertThat(((RegistryException) e).kind()).isEqualTo(ErrorKind.INVALID_MANIFEST))
        .hasMessageContaining("contains no image");
  }

  @Test
  void variantsAreNormalised() throws RegistryException {
    PlatformManifest armv7 = entry("linux/arm/v7");
    PlatformManifest arm64 = entry("linux/arm64");
    ManifestList l = list(armv7, arm64);
    assertThat(select(l, PlatformPreference.of(Platform.parse("linux/arm64/v8")))).isEqualTo(arm64);
    assertThat(select(l, PlatformPreference.of(Platform.parse("linux/aarch64")))).isEqualTo(arm64);
    assertThat(select(l, PlatformPreference.of(Platform.parse("linux/arm")))).isEqualTo(armv7);
    assertThat(select(l, new PlatformPreference("linux", "arm", "7"))).isEqualTo(armv7);
    assertThat(
            select(
                l,
                new PlatformPreference("linux", "arm64", "v9"),
                PlatformPreference.of(Platform.parse("linux/arm/v7"))))
        .as("an unmatched variant falls through")
        .isEqualTo(armv7);
  }

  @Test
  void platformNormalisation() {
    assertThat(Platform.parse("linux/arm64").matches(Platform.parse("linux/arm64/v8"))).isTrue();
    assertThat(Platform.parse("linux/x86_64").matches(Platform.LINUX_AMD64)).isTrue();
    assertThat(Platform.parse("linux/arm").matches(Platform.parse("linux/arm/v7"))).isTrue();
    assertThat(Platform.parse("linux/arm/v6").matches(Platform.parse("linux/arm/v7"))).isFalse();
    assertThat(Platform.parse("windows/amd64").matches(Platform.LINUX_AMD64)).isFalse();
    assertThat(Platform.parse("linux/arm64/v8")).hasToString("linux/arm64/v8");
    assertThatThrownBy(() -> Platform.parse("linux")).hasMessageContaining("os/architecture");
    assertThatThrownBy(() -> Platform.parse("linux/amd64/v1/x"))
        .hasMessageContaining("os/architecture");
  }
}
