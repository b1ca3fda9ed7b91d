package dev.imagestreams.plugin.set;

import dev.imagestreams.plugin.cluster.ClusterOptions;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code oc set}: the parent of the verbs that set one thing on streams or workloads. Cluster
 * options given before the verb ({@code set -n NS triggers ...}) apply to it.
 */
@Command(
    name = "set",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = "Set specific features on ImageStreams and the workloads that use them (oc set).",
    subcommands = {
      CommandLine.HelpCommand.class,
      SetTriggersCommand.class,
      SetImageLookupCommand.class
    })
public final class SetCommand implements Runnable {
  @Mixin ClusterOptions cluster = new ClusterOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "specify what to set: " + String.join(", ", subcommands()));
  }

  private List<String> subcommands() {
    return spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).sorted().toList();
  }
}
