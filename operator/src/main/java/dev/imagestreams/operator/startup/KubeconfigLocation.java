package dev.imagestreams.operator.startup;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where the Kubernetes client's configuration comes from, in fabric8's order: the files {@code
 * KUBECONFIG} names, else {@code ~/.kube/config}, else the pod's service account. A {@code
 * KUBECONFIG} naming a file that does not exist is an error: the client would otherwise fall back,
 * silently, to the next source and talk to another cluster, or to none.
 */
public final class KubeconfigLocation {
  /** Where a pod's service account token is mounted. */
  public static final Path SERVICE_ACCOUNT_TOKEN =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  private KubeconfigLocation() {}

  /**
   * Describes the configuration's origin for messages ({@code KUBECONFIG=/path}, {@code
   * /home/me/.kube/config}, {@code the pod's service account}).
   *
   * @param env the process environment
   * @param home the user's home directory
   * @param exists whether a file exists
   * @throws StartupException if {@code KUBECONFIG} names a file that does not exist
   */
  public static String origin(Map<String, String> env, Path home, Predicate<Path> exists)
      throws StartupException {
    String kubeconfig = env.getOrDefault("KUBECONFIG", "");
    if (!kubeconfig.isBlank()) {
      List<String> files =
          Arrays.stream(kubeconfig.split(java.io.File.pathSeparator))
              .filter(f -> !f.isBlank())
              .toList();
      List<String> missing = files.stream().filter(f -> !exists.test(Path.of(f))).toList();
      if (!missing.isEmpty()) {
        throw new StartupException(
            new StartupProblem(
                StartupProblem.Kind.KUBECONFIG_MISSING,
                "KUBECONFIG names "
                    + String.join(", ", missing)
                    + (missing.size() == 1 ? ", which does not exist" : ", which do not exist")
                    + ": fix KUBECONFIG or unset it (the operator does not fall back to other settings)"),
            null);
      }
      return "KUBECONFIG=" + kubeconfig;
    }
    Path userConfig = home.resolve(".kube").resolve("config");
    if (exists.test(userConfig)) {
      return userConfig.toString();
    }
    if (exists.test(SERVICE_ACCOUNT_TOKEN)) {
      return "the pod's service account";
    }
    return "no kubeconfig and no pod service account";
  }

  /** Whether the origin is none at all: then the client tried its built-in default address. */
  static boolean isNone(String origin) {
    return origin.startsWith("no kubeconfig");
  }
}
