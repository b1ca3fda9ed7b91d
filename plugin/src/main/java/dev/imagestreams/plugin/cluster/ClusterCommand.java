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
    return KubeClients.open(options());
  }

  /**
   * The cluster options this verb runs with: those after it, each one not given taken from its
   * parent command's ({@code set -n team triggers ...} and {@code set triggers ... -n team} mean
   * the same).
   */
  public ClusterOptions options() {
    CommandSpec parent = spec.parent();
    CommandSpec outer = parent == null ? null : parent.mixins().get("cluster");
    return outer != null && outer.userObject() instanceof ClusterOptions given
        ? cluster.or(given)
        : cluster;
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
