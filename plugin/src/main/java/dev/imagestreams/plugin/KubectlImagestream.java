package dev.imagestreams.plugin;

import dev.imagestreams.plugin.cluster.FailurePrinter;
import dev.imagestreams.plugin.completion.CompleteCommand;
import dev.imagestreams.plugin.describe.DescribeCommand;
import dev.imagestreams.plugin.describe.GetCommand;
import dev.imagestreams.plugin.imports.ImportCommand;
import dev.imagestreams.plugin.resolve.ResolveCommand;
import dev.imagestreams.plugin.set.SetCommand;
import dev.imagestreams.plugin.tag.TagCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The root command: {@code kubectl imagestream VERB ...}. Verbs are registered in one place. */
@Command(
    name = "kubectl-imagestream",
    mixinStandardHelpOptions = true,
    versionProvider = KubectlImagestream.Version.class,
    description = "The oc verbs for ImageStreams on any Kubernetes cluster.",
    subcommands = {
      CommandLine.HelpCommand.class,
      // the cluster verbs
      TagCommand.class,
      DescribeCommand.class,
      GetCommand.class,
      ImportCommand.class,
      SetCommand.class,
      // offline import and the shell integration
      ResolveCommand.class,
      AutoComplete.GenerateCompletion.class,
      CompleteCommand.class
    })
public final class KubectlImagestream {

  @CommandLine.Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Print the cause's stack trace when a command fails.")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new KubectlImagestream())
        // a verb's failure: one line, the stack trace only with -v
        .setExecutionExceptionHandler(new FailurePrinter());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = KubectlImagestream.class.getPackage().getImplementationVersion();
      return new String[] {"kubectl-imagestream " + (version == null ? "(development)" : version)};
    }
  }
}
