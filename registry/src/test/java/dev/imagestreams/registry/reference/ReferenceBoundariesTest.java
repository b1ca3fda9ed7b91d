package dev.imagestreams.registry.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The edges of reference parsing: lengths exactly at their bounds, the highest port, IPv6 hosts
 * with and without ports, and which rule names the error when a reference starts oddly.
 */
class ReferenceBoundariesTest {
  private static final String SHA = "sha256:" + "a".repeat(64);

  @Test
  void aNameOfExactly255CharactersIsAccepted() throws Exception {
    String name = "quay.io/" + "a".repeat(247);
    assertThat(ImageReference.parse(name + ":" + "t".repeat(128)).repository()).hasSize(247);
    assertThatThrownBy(() -> ImageReference.parse(name + "a"))
        .hasMessageContaining("longer than 255 characters");
  }

  @Test
  void theWholeReferenceIsBoundAt1024Characters() {
    String atBound = "a".repeat(1024);
    assertThatThrownBy(() -> ImageReference.parse(atBound))
        .as("1024 characters pass the reference bound and fail the name bound")
        .hasMessageContaining("repository name")
        .hasMessageContaining("longer than 255 characters");
    assertThatThrownBy(() -> ImageReference.parse(atBound + "a"))
        .hasMessageContaining("is longer than 1024 characters");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # input                        | the message names
          .example.com/app               | invalid registry host
          :5000/app                      | invalid registry host
          [::1]x/app                     | invalid registry host
          [::1/app                       | invalid registry host
          [::1]:99999/app                | invalid port
          [::1]:0/app                    | invalid port
          quay.io:65536/app              | invalid port
          @sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | has no repository name
          """)
  void rejectsOddStartsWithTheRuleTheyBreak(String input, String message) {
    assertThatThrownBy(() -> ImageReference.parse(input)).hasMessageContaining(message);
  }

  @Test
  void spaceAndDeleteAreRejectedAsWhitespaceOrNonAscii() {
    assertThatThrownBy(() -> ImageReference.parse("python 3"))
        .hasMessageContaining("whitespace or non-ASCII");
    assertThatThrownBy(() -> ImageReference.parse("python\u007f"))
        .hasMessageContaining("whitespace or non-ASCII");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # input                  | registry        | repository
          quay.io:65535/app        | quay.io:65535   | app
          quay.io:1/app            | quay.io:1       | app
          [::1]/app                | [::1]           | app
          """)
  void acceptsTheHighestPortAndIpv6HostsWithOrWithoutAPort(
      String input, String registry, String repository) throws Exception {
    ImageReference ref = ImageReference.parse(input);
    assertThat(ref.registry()).isEqualTo(registry);
    assertThat(ref.repository()).isEqualTo(repository);
  }

  @Test
  void withTagAndWithDigestKeepTheRepositoryAndTheSpelling() throws Exception {
    ImageReference ref = ImageReference.parse("quay.io/org/app:1@" + SHA);
    ImageReference retagged = ref.withTag("2");
    assertThat(retagged.toString()).isEqualTo("quay.io/org/app:2");
    assertThat(retagged.pullSpec(Digest.parse(SHA))).isEqualTo("quay.io/org/app@" + SHA);

    ImageReference pinned = ImageReference.parse("python:3").withDigest(Digest.parse(SHA));
    assertThat(pinned.toString()).isEqualTo("docker.io/library/python:3@" + SHA);
    assertThat(pinned.manifestReference()).isEqualTo(SHA);
    assertThat(pinned.pullSpec(Digest.parse(SHA))).isEqualTo("python@" + SHA);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # value          | the message names
          :abc             | expected algorithm:hex
          sha256:          | expected algorithm:hex
          sha256           | expected algorithm:hex
          """)
  void digestsNeedAnAlgorithmAndHex(String value, String message) {
    assertThatThrownBy(() -> Digest.parse(value)).hasMessageContaining(message);
  }

  @Test
  void messagesShowAtMost80CharactersOfAValue() {
    String eighty = "x".repeat(80);
    assertThat(Digest.abbreviate(eighty)).isEqualTo(eighty);
    assertThat(Digest.abbreviate(eighty + "y")).isEqualTo("x".repeat(77) + "...");
  }

  @Test
  void hostPortSplitsAtTheLastColonOutsideBrackets() {
    assertThat(HostPort.parse("reg.local:5000")).isEqualTo(new HostPort("reg.local", "5000"));
    assertThat(HostPort.parse(":5000")).isEqualTo(new HostPort("", "5000"));
    assertThat(HostPort.parse("[::1]")).isEqualTo(new HostPort("[::1]", null));
    assertThat(HostPort.parse("[::1]:5000")).isEqualTo(new HostPort("[::1]", "5000"));
    assertThat(HostPort.parse("quay.io")).isEqualTo(new HostPort("quay.io", null));
  }
}
