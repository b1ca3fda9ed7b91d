package dev.imagestreams.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KubectlImagestreamTest {

  /** What the plugin prints to standard output for the arguments, asserting it exits 0. */
  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = KubectlImagestream.commandLine();
    commandLine.setOut(new PrintWriter(out));
    assertThat(commandLine.execute(args)).isZero();
    return out.toString();
  }

  @Test
  void helpNamesThePlugin() {
    assertThat(run("--help")).startsWith("Usage: kubectl-imagestream");
  }

  @Test
  void generatesABashAndZshCompletionScriptThatKnowsTheVerbs() {
    assertThat(run("generate-completion"))
        .contains("complete -F _complete_kubectl-imagestream")
        .contains("resolve")
        .contains("--insecure-registry")
        .contains("--registry-config");
  }
}
