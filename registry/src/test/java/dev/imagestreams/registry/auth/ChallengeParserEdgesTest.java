package dev.imagestreams.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code WWW-Authenticate} headers that end where a parser may read past the end: a bare value, a
 * name or an escape as the last character, and characters at the edges of the token alphabet. Each
 * challenge is shown as {@code scheme{name=value,...}}.
 */
class ChallengeParserEdgesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          # header                                    | challenges
          Bearer realm=https://t.example/token        | bearer{realm=https://t.example/token}
          Bearer realm=                               | bearer{realm=}
          Bearer realm="a\\                           | bearer{realm=a\\}
          Bearer realm="a\\"                          | bearer{realm=a"}
          Negotiate abc                               | negotiate{}; abc{}
          Basic realm="r" ,  Bearer realm="t"         | basic{realm=r}; bearer{realm=t}
          Bearer realm="t",realm="second"             | bearer{realm=t}
          Bearer Realm="t"                            | bearer{realm=t}
          Bearer~x realm="t"                          | bearer~x{realm=t}
          Bearer\u007Frealm="t"                       | bearer{}; realm{}; t{}
          """)
  void readsHeadersToTheirLastCharacter(String header, String expected) {
    assertThat(render(ChallengeParser.parse(header))).isEqualTo(expected);
  }

  private static String render(List<AuthChallenge> challenges) {
    return challenges.stream()
        .map(
            c ->
                c.scheme()
                    + c.parameters().entrySet().stream()
                        .sorted(java.util.Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(",", "{", "}")))
        .collect(Collectors.joining("; "));
  }
}
