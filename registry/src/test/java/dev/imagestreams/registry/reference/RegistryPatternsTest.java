package dev.imagestreams.registry.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryPatternsTest {
  @Test
  void matchesHostsPortsWildcardsAndPaths() throws Exception {
    RegistryPatterns p =
        RegistryPatterns.parse(
            List.of("quay.io/badorg", "*.evil.example", "reg.local:5000", "index.docker.io"));
    assertThat(p.match(ImageReference.parse("quay.io/badorg/app"))).isPresent();
    assertThat(p.match(ImageReference.parse("quay.io/goodorg/app"))).isEmpty();
    assertThat(p.match(ImageReference.parse("quay.io/badorganisation/app"))).isEmpty();
    assertThat(p.match(ImageReference.parse("a.evil.example/x"))).isPresent();
    assertThat(p.match(ImageReference.parse("evil.example/x"))).isEmpty();
    assertThat(p.match(ImageReference.parse("reg.local:5000/x"))).isPresent();
    assertThat(p.match(ImageReference.parse("reg.local:5001/x"))).isEmpty();
    assertThat(p.match(ImageReference.parse("python"))).as("docker.io aliases match").isPresent();
    assertThat(p.matchesHost("registry-1.docker.io")).isTrue();
    assertThat(p.matchesHost("quay.io"))
        .as("a path pattern does not block the whole host")
        .isFalse();
  }

  @Test
  void patternWithoutPortMatchesAnyPort() throws Exception {
    RegistryPatterns p = RegistryPatterns.parse(List.of("reg.local"));
    assertThat(p.matchesHost("reg.local:5000")).isTrue();
    assertThat(p.matchesHost("reg.local")).isTrue();
  }

  @Test
  void rejectsMalformedPatterns() throws Exception {
    assertThatThrownBy(() -> RegistryPatterns.parse(List.of("https://quay.io")))
        .hasMessageContaining("https://quay.io");
    assertThatThrownBy(() -> RegistryPatterns.parse(List.of("a*.b")))
        .hasMessageContaining("wildcard");
    assertThatThrownBy(() -> RegistryPatterns.parse(List.of("host:port")))
        .hasMessageContaining("invalid port");
  }
}
