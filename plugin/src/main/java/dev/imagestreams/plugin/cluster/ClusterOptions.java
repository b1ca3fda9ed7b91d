package dev.imagestreams.plugin.cluster;

import picocli.CommandLine.Option;

/**
 * The cluster options every cluster verb takes, as kubectl spells them, after the verb: {@code
 * kubectl imagestream describe -n team is/python} (kubectl passes the arguments after the plugin's
 * name to the plugin, and no global flag before it). {@code KUBECONFIG} is honoured as by kubectl.
 */
public final class ClusterOptions {
  @Option(
      names = {"-n", "--namespace"},
      description = "The namespace (default: the kubeconfig context's, else default).")
  String namespace;

  @Option(
      names = "--kubeconfig",
      description = "The kubeconfig file (default: KUBECONFIG, else ~/.kube/config).")
  String kubeconfig;

  @Option(names = "--context", description = "The kubeconfig context to use.")
  String context;

  public String namespace() {
    return namespace;
  }

  public String kubeconfig() {
    return kubeconfig;
  }

  public String context() {
    return context;
  }

  /**
   * These options, each one not given taken from {@code outer} (a parent command's: {@code set -n
   * team image-lookup python} and {@code set image-lookup python -n team} mean the same).
   */
  public ClusterOptions or(ClusterOptions outer) {
    ClusterOptions merged = new ClusterOptions();
    merged.namespace = namespace != null ? namespace : outer.namespace;
    merged.kubeconfig = kubeconfig != null ? kubeconfig : outer.kubeconfig;
    merged.context = context != null ? context : outer.context;
    return merged;
  }
}
