package dev.imagestreams.plugin.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's tabwriter alignment, go-units' and kubectl's ages, go-units' sizes. */
class OutputTest {
  @Test
  void describeColumnsArePaddedWithTabsToTheWidestCell() {
    String text =
        TabWriter.describe()
            .print("Name:\tpython\nNamespace:\tteam\nImage Repository:\t<none>\n\nfree text\n")
            .print("  * ref\n      2 days ago\tsha256:1\n")
            .toString();
    assertThat(text)
        .isEqualTo(
            "Name:\t\t\tpython\nNamespace:\t\tteam\nImage Repository:\t<none>\n\nfree text\n"
                + "  * ref\n      2 days ago\tsha256:1\n");
  }

  @Test
  void aLineWithoutTabsEndsAColumnBlock() {
    assertThat(TabWriter.describe().print("A:\t1\nbreak\nLonger label:\t2\n").toString())
        .isEqualTo("A:\t1\nbreak\nLonger label:\t2\n");
  }

  @Test
  void tableColumnsArePaddedWithThreeSpaces() {
    assertThat(TabWriter.table().print("NAME\tTAGS\tUPDATED\npython\t3.12,latest\t2m\n").toString())
        .isEqualTo("NAME     TAGS          UPDATED\npython   3.12,latest   2m\n");
  }

  @ParameterizedTest
  @CsvSource({
    "0, Less than a second",
    "1, 1 second",
    "59, 59 seconds",
    "60, About a minute",
    "119, About a minute",
    "120, 2 minutes",
    "3599, 59 minutes",
    "3600, About an hour",
    "5399, About an hour",
    "5400, 2 hours",
    "169199, 47 hours",
    "172799, 2 days",
    "172800, 2 days",
    "1209600, 2 weeks",
    "5184000, 2 months",
    "63072000, 2 years"
  })
  void ocDescribeAges(long seconds, String words) {
    assertThat(Ages.words(Duration.ofSeconds(seconds))).isEqualTo(words);
  }

  @ParameterizedTest
  @CsvSource({
    "-5, <invalid>",
    "-1, 0s",
    "45, 45s",
    "119, 119s",
    "200, 3m20s",
    "600, 10m",
    "10799, 179m",
    "10800, 3h",
    "11100, 3h5m",
    "28800, 8h",
    "176400, 2d1h",
    "691200, 8d",
    "63072000, 2y",
    "63158400, 2y1d",
    "283824000, 9y"
  })
  void kubectlAges(long seconds, String compact) {
    assertThat(Ages.compact(Duration.ofSeconds(seconds))).isEqualTo(compact);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0B",
    "999, 999B",
    "1000, 1kB",
    "4631, 4.631kB",
    "52428933, 52.43MB",
    "251200000, 251.2MB",
    "999950000, 1000MB",
    "3000000000, 3GB"
  })
  void ocDescribeSizes(long bytes, String human) {
    assertThat(Sizes.human(bytes)).isEqualTo(human);
  }
}
