package dev.imagestreams.registry.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Registry pattern lists as values (the configuration compares them to see what changed) and the
 * parsing of entries that are not a host.
 */
class RegistryPatternsValuesTest {

  @Test
  void listsOfTheSamePatternsAreEqualWhateverTheirCase() {
    RegistryPatterns a = RegistryPatterns.parse(List.of("quay.io/org", "*.example.com"));
    RegistryPatterns b = RegistryPatterns.parse(List.of("quay.io/org", "*.example.com"));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(RegistryPatterns.parse(List.of("quay.io/org")));
    assertThat(a).isNotEqualTo(RegistryPatterns.parse(List.of("*.example.com", "quay.io/org")));
    assertThat(a).isNotEqualTo(List.of("quay.io/org", "*.example.com"));
  }

  @Test
  void showsThePatternsAsWritten() {
    RegistryPatterns p = RegistryPatterns.parse(List.of(" Quay.io/Org ", "*.example.com:*"));
    assertThat(p.toString()).isEqualTo("[Quay.io/Org, *.example.com:*]");
    assertThat(p.patterns())
        .extracting(RegistryPatterns.Pattern::text)
        .containsExactly("Quay.io/Org", "*.example.com:*");
    assertThat(p.isEmpty()).isFalse();
    assertThat(RegistryPatterns.parse(List.of()).isEmpty()).isTrue();
    assertThat(RegistryPatterns.NONE.isEmpty()).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # entry        | the message names
          /org           | only a leading *. wildcard is allowed
          /              | only a leading *. wildcard is allowed
          *./org         | only a leading *. wildcard is allowed
          quay.io:port   | invalid port
          quay.io:123456 | invalid port
          """)
  void refusesEntriesWithoutAHost(String entry, String message) {
    assertThatThrownBy(() -> RegistryPatterns.parse(List.of(entry)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageContaining(entry);
  }

  @Test
  void aPathPatternMatchesThatRepositoryAndBelowButNotTheHost() throws Exception {
    RegistryPatterns p = RegistryPatterns.parse(List.of("quay.io/org/"));
    assertThat(p.match(ImageReference.parse("quay.io/org"))).isPresent();
    assertThat(p.match(ImageReference.parse("quay.io/org/app"))).isPresent();
    assertThat(p.match(ImageReference.parse("quay.io/organisation/app"))).isEmpty();
    assertThat(p.matchesHost("quay.io")).isFalse();
  }
}
