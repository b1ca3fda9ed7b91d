package dev.imagestreams.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KubectlImagestreamTest {

  @Test
  void helpNamesThePlugin() {
    StringWriter out = new StringWriter();
    CommandLine commandLine = KubectlImagestream.commandLine();
    commandLine.setOut(new PrintWriter(out));

    int exit = commandLine.execute("--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).startsWith("Usage: kubectl-imagestream");
  }

  @Test
  void generatesABashAndZshCompletionScriptThatKnowsTheVerbs() {
    StringWriter out = new StringWriter();
    CommandLine commandLine = KubectlImagestream.commandLine();
    commandLine.setOut(new PrintWriter(out));

    int exit = commandLine.execute("generate-completion");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("complete -F _complete_kubectl-imagestream")
        .contains("resolve")
        .contains("--insecure-registry")
        .contains("--registry-config");
  }
}
