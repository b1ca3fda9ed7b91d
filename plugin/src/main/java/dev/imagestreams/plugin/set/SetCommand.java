package dev.imagestreams.plugin.set;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code oc set}: the parent of the {@code set} verbs. */
@Command(
    name = "set",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = "Commands that help set specific features on objects (oc set).",
    subcommands = {CommandLine.HelpCommand.class, SetTriggersCommand.class})
public final class SetCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "specify what to set: " + String.join(", ", subcommands()));
  }

  private java.util.List<String> subcommands() {
    return spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).sorted().toList();
  }
}
