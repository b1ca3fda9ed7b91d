package dev.imagestreams.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.v1.NamedTagEventList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exactly at the edges: the tags summary's overshoot rule (another tag may overshoot the 40 columns
 * by at most a quarter of them, and only while more than a quarter plus one is left) and message
 * truncation.
 */
class SummaryAndMessageEdgesTest {

  @ParameterizedTest(name = "first {0} chars, second {1} chars: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # first tag's length | second tag's length | second shown
          28                   | 12                  | false
          27                   | 21                  | true
          27                   | 22                  | false
          27                   | 11                  | true
          """)
  void anotherTagMayOvershootByAQuarterWhileMoreThanAQuarterIsLeft(
      int first, int second, boolean shown) {
    String a = "a".repeat(first);
    String b = "b".repeat(second);
    String summary = TagsSummary.of(List.of(tag(a), tag(b)));
    assertThat(summary).isEqualTo(shown ? a + "," + b : a + " + 1 more...");
  }

  @Test
  void aMessageIsCutOnlyBeyondItsBoundAndTheCutFitsTheBound() {
    assertThat(Messages.truncate("abcde", 5)).isEqualTo("abcde");
    assertThat(Messages.truncate("abcdef", 5)).isEqualTo("ab...");
    assertThat(Messages.truncate("", 3)).isEmpty();
  }

  private static NamedTagEventList tag(String name) {
    return new NamedTagEventList(name, List.of(), null, null, null);
  }
}
