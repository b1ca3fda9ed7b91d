package dev.imagestreams.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a challenge says about itself, and a bearer token that never shows its value. */
class ChallengeKindsTest {

  @Test
  void tellsBasicFromBearerAndReadsTheScope() {
    AuthChallenge basic = new AuthChallenge("Basic", Map.of("realm", "r"));
    AuthChallenge bearer =
        new AuthChallenge("BEARER", Map.of("scope", "repository:a:pull", "realm", "t"));
    assertThat(basic.isBasic()).isTrue();
    assertThat(basic.isBearer()).isFalse();
    assertThat(bearer.isBearer()).isTrue();
    assertThat(bearer.isBasic()).isFalse();
    assertThat(new AuthChallenge("Negotiate", Map.of()).isBasic()).isFalse();
    assertThat(bearer.scope()).contains("repository:a:pull");
    assertThat(basic.scope()).isEmpty();
  }

  @Test
  void aBearerTokenShowsWhenItExpiresButNotItsValue() {
    BearerToken token = new BearerToken("s3cr3t", Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(token.toString()).isEqualTo("BearerToken[expiresAt=2026-01-01T00:00:00Z]");
  }
}
