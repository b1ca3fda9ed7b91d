package dev.imagestreams.plugin.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.plugin.KubectlImagestream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** kubectl's plugin completion protocol: candidates, one per line, then Cobra's directive. */
class CompleteCommandTest {

  private static String complete(String... words) {
    CommandLine commandLine = KubectlImagestream.commandLine();
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    String[] args = new String[words.length + 1];
    args[0] = "__complete";
    System.arraycopy(words, 0, args, 1, words.length);
    assertThat(commandLine.execute(args)).isZero();
    return out.toString();
  }

  @Test
  void completesVerbsWithoutTheHiddenOnes() {
    assertThat(complete("res")).isEqualTo("resolve\n:4\n");
    assertThat(complete("")).contains("resolve\n").doesNotContain("__complete").endsWith(":4\n");
  }

  @Test
  void completesOptionsAndTheirValues() {
    assertThat(complete("resolve", "--out")).isEqualTo("--output\n:4\n");
    assertThat(complete("resolve", "-o", "")).isEqualTo("json\ntable\nyaml\n:4\n");
    assertThat(complete("resolve", "--insecure-registry", "127.0.0.1:5000", "--regis"))
        .isEqualTo("--registry-config\n:4\n");
  }

  @Test
  void leavesFileNamesToTheShell() {
    assertThat(complete("resolve", "-f", "")).isEqualTo(":0\n");
  }
}
