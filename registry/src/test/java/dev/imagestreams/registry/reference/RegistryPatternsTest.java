package dev.imagestreams.registry.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryPatternsTest {
  private static final RegistryPatterns PATTERNS =
      RegistryPatterns.parse(
          List.of("quay.io/badorg", "*.evil.example", "reg.local:5000", "index.docker.io"));

  @ParameterizedTest
  @CsvSource({
    "quay.io/badorg/app, true",
    "quay.io/goodorg/app, false",
    "quay.io/badorganisation/app, false",
    "a.evil.example/x, true",
    "evil.example/x, false",
    "reg.local:5000/x, true",
    "reg.local:5001/x, false",
    "python, true" // docker.io aliases match
  })
  void matchesHostsPortsWildcardsAndPaths(String image, boolean matches) throws Exception {
    assertThat(PATTERNS.match(ImageReference.parse(image)).isPresent()).isEqualTo(matches);
  }

  @Test
  void matchesHostsByAliasButNotByAPathPattern() {
    assertThat(PATTERNS.matchesHost("registry-1.docker.io")).isTrue();
    assertThat(PATTERNS.matchesHost("quay.io"))
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
