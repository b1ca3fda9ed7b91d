package dev.imagestreams.plugin.set;

import dev.imagestreams.plugin.cluster.ClusterOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code oc set}: the parent of the verbs that set one thing on streams or workloads. */
@Command(
    name = "set",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = "Set specific features on ImageStreams and the workloads that use them (oc set).",
    subcommands = {CommandLine.HelpCommand.class, SetImageLookupCommand.class})
public final class SetCommand {
  @Mixin ClusterOptions cluster = new ClusterOptions();
}
