package dev.imagestreams.plugin.resolve;

import dev.imagestreams.plugin.KubectlImagestream;
import dev.imagestreams.plugin.cluster.FailurePrinter;
import dev.imagestreams.registry.RegistrySettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine;

/**
 * Runs {@code kubectl-imagestream resolve ...} in-process, with a given environment and home
 * directory instead of the machine user's (whose credentials must not reach the tests).
 */
record ResolveRun(int exit, String out, String err) {

  static ResolveRun of(Map<String, String> environment, Path home, String... args) {
    return of(environment, home, UnaryOperator.identity(), args);
  }

  static ResolveRun of(
      Map<String, String> environment,
      Path home,
      UnaryOperator<RegistrySettings.Builder> registrySettings,
      String... args) {
    CommandLine commandLine = KubectlImagestream.commandLine();
    commandLine.getCommandSpec().removeSubcommand("resolve");
    commandLine.addSubcommand(
        "resolve", new CommandLine(new ResolveCommand(environment, home, registrySettings)));
    // the replacement verb gets the root's failure handling too
    commandLine.setExecutionExceptionHandler(new FailurePrinter());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exit = commandLine.execute(args);
    return new ResolveRun(exit, out.toString(), err.toString());
  }
}
