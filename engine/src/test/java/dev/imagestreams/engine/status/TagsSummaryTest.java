package dev.imagestreams.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TAGS column of oc get is, with the cases worked out from OpenShift's printer. */
class TagsSummaryTest {
  private static NamedTagEventList tag(String name, String created) {
    return new NamedTagEventList(
        name,
        created == null ? null : List.of(new TagEvent(created, "r", "d", 1L)),
        null,
        null,
        null);
  }

  private static List<NamedTagEventList> sameTime(String... names) {
    List<NamedTagEventList> out = new ArrayList<>();
    for (String n : names) {
      out.add(tag(n, "2026-01-01T00:00:00Z"));
    }
    return out;
  }

  @Test
  void showsEveryTagThatFits() {
    assertThat(TagsSummary.of(sameTime("latest"))).isEqualTo("latest");
    assertThat(TagsSummary.of(sameTime("3.6", "2.4", "latest", "3.4", "2.6", "3.2")))
        .isEqualTo("2.4,2.6,3.2,3.4,3.6,latest");
  }

  @Test
  void cutsTheRestAsMore() {
    assertThat(
            TagsSummary.of(
                sameTime(
                    "1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0.4", "1.0.5", "1.0.6", "1.0.7", "1.0.8",
                    "latest")))
        .isEqualTo("1.0.0,1.0.1,1.0.2,1.0.3,1.0.4,1.0.5 + 4 more...");
  }

  @Test
  void newestFirstThenByName() {
    List<NamedTagEventList> tags =
        List.of(
            tag("16-ubi8", "2026-01-01T00:00:01Z"),
            tag("20-ubi8", "2026-01-01T00:00:05Z"),
            tag("20-ubi9", "2026-01-01T00:00:05Z"),
            tag("18-ubi8", "2026-01-01T00:00:04Z"),
            tag("18-ubi9", "2026-01-01T00:00:03Z"),
            tag("latest", null),
            tag("16-ubi9-minimal", "2026-01-01T00:00:00Z"));
    assertThat(TagsSummary.of(tags))
        .isEqualTo("20-ubi8,20-ubi9,18-ubi8,18-ubi9,16-ubi8 + 2 more...");
  }

  @Test
  void allowsASmallOvershootButAlwaysShowsTheFirstTag() {
    String t47 = "a".repeat(47);
    assertThat(
            TagsSummary.of(
                List.of(tag(t47, "2026-01-01T00:00:01Z"), tag("b", "2026-01-01T00:00:00Z"))))
        .isEqualTo(t47 + " + 1 more...");
    String t25 = "c".repeat(25);
    String t20 = "d".repeat(20);
    assertThat(
            TagsSummary.of(
                List.of(tag(t25, "2026-01-01T00:00:02Z"), tag(t20, "2026-01-01T00:00:01Z"))))
        .isEqualTo(t25 + "," + t20);
    assertThat(
            TagsSummary.of(
                List.of(
                    tag(t25, "2026-01-01T00:00:02Z"),
                    tag(t20, "2026-01-01T00:00:01Z"),
                    tag("z", null))))
        .isEqualTo(t25 + "," + t20 + " + 1 more...");
  }
}
