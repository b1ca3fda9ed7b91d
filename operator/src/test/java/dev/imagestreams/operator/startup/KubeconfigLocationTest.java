package dev.imagestreams.operator.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** KUBECONFIG naming a missing file is an error, never a fall-back to other settings. */
class KubeconfigLocationTest {
  private static final Path HOME = Path.of("/home/me");

  private static String origin(Map<String, String> env, String... existing)
      throws StartupException {
    Set<Path> files =
        java.util.Arrays.stream(existing)
            .map(Path::of)
            .collect(java.util.stream.Collectors.toSet());
    return KubeconfigLocation.origin(env, HOME, files::contains);
  }

  @Test
  void aKubeconfigThatNamesAMissingFileIsAnError() {
    assertThatThrownBy(
            () ->
                origin(
                    Map.of("KUBECONFIG", "/home/me/dev.yaml"),
                    "/home/me/.kube/config",
                    KubeconfigLocation.SERVICE_ACCOUNT_TOKEN.toString()))
        .isInstanceOfSatisfying(
            StartupException.class,
            e -> {
              assertThat(e.problem().kind()).isEqualTo(StartupProblem.Kind.KUBECONFIG_MISSING);
              assertThat(e.problem().exitCode()).isEqualTo(2);
            })
        .hasMessage(
            "KUBECONFIG names /home/me/dev.yaml, which does not exist: fix KUBECONFIG or unset it (the operator does not"
                + " fall back to other settings)");
    assertThatThrownBy(
            () -> origin(Map.of("KUBECONFIG", "/a:/home/me/dev.yaml:/b"), "/home/me/dev.yaml"))
        .hasMessageStartingWith("KUBECONFIG names /a, /b, which do not exist");
  }

  @Test
  void theOriginIsKubeconfigThenTheUsersConfigThenThePod() throws StartupException {
    assertThat(origin(Map.of("KUBECONFIG", "/home/me/dev.yaml"), "/home/me/dev.yaml"))
        .isEqualTo("KUBECONFIG=/home/me/dev.yaml");
    assertThat(origin(Map.of("KUBECONFIG", ""), "/home/me/.kube/config"))
        .as("empty is unset")
        .isEqualTo("/home/me/.kube/config");
    assertThat(origin(Map.of(), KubeconfigLocation.SERVICE_ACCOUNT_TOKEN.toString()))
        .isEqualTo("the pod's service account");
    assertThat(origin(Map.of())).isEqualTo("no kubeconfig and no pod service account");
  }
}
