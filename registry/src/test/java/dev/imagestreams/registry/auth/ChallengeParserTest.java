package dev.imagestreams.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChallengeParserTest {
  private static final Map<String, String> DOCKER_HUB =
      Map.of(
          "realm",
          "https://auth.docker.io/token",
          "service",
          "registry.docker.io",
          "scope",
          "repository:library/python:pull");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/python:pull\"",
        "Bearer scope=\"repository:library/python:pull\", service=\"registry.docker.io\", realm=\"https://auth.docker.io/token\"",
        "bearer   realm = \"https://auth.docker.io/token\" , service=registry.docker.io ,scope=\"repository:library/python:pull\"",
        "BEARER service=\"registry.docker.io\",realm=https://auth.docker.io/token,scope=\"repository:library/python:pull\"",
      })
  void parsesBearerInAnyParameterOrderAndSpacing(String header) {
    List<AuthChallenge> challenges = ChallengeParser.parse(header);
    assertThat(challenges).hasSize(1);
    assertThat(challenges.get(0).isBearer()).isTrue();
    assertThat(challenges.get(0).parameters()).isEqualTo(DOCKER_HUB);
  }

  @Test
  void parsesSeveralChallengesInOneHeader() {
    List<AuthChallenge> challenges =
        ChallengeParser.parse(
            "Basic realm=\"Registry, with comma\", Bearer realm=\"https://t.example/token\",service=\"reg\"");
    assertThat(challenges).extracting(AuthChallenge::scheme).containsExactly("basic", "bearer");
    assertThat(challenges.get(0).realm()).contains("Registry, with comma");
    assertThat(challenges.get(1).realm()).contains("https://t.example/token");
    assertThat(challenges.get(1).service()).contains("reg");
  }

  @Test
  void parsesChallengesAcrossHeaders() {
    List<AuthChallenge> challenges =
        ChallengeParser.parse(List.of("Negotiate", "Basic realm=\"r\"", "Bearer realm=\"x\""));
    assertThat(challenges)
        .extracting(AuthChallenge::scheme)
        .containsExactly("negotiate", "basic", "bearer");
  }

  @Test
  void handlesEscapesErrorsAndToken68() {
    AuthChallenge c =
        ChallengeParser.parse("Bearer realm=\"a\\\"b\",error=\"insufficient_scope\"").get(0);
    assertThat(c.realm()).contains("a\"b");
    assertThat(c.error()).contains("insufficient_scope");
    List<AuthChallenge> withToken68 =
        ChallengeParser.parse("Negotiate abc123==, Basic realm=\"r\"");
    assertThat(withToken68).extracting(AuthChallenge::scheme).containsExactly("negotiate", "basic");
  }

  @Test
  void neverThrowsOnGarbage() {
    assertThat(ChallengeParser.parse("")).isEmpty();
    assertThat(ChallengeParser.parse((String) null)).isEmpty();
    assertThat(ChallengeParser.parse(",,, ;;; ===")).isNotNull();
    AuthChallenge unterminated = ChallengeParser.parse("Bearer realm=\"https://x").get(0);
    assertThat(unterminated.realm()).contains("https://x");
  }
}
