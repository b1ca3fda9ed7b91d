package dev.imagestreams.plugin.cluster;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every cluster verb has: {@code --help} and {@code --version}, usage help as wide as the
 * terminal, the {@link ClusterOptions} after the verb, and the command line it prints to.
 */
@Command(mixinStandardHelpOptions = true, usageHelpAutoWidth = true)
public abstract class ClusterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin protected ClusterOptions cluster = new ClusterOptions();

  /** A session with the cluster and namespace the options name. */
  protected KubeClients.Session openSession() {
    return KubeClients.open(cluster);
  }

  /** The command line's standard output. */
  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** The command line's standard error. */
  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
