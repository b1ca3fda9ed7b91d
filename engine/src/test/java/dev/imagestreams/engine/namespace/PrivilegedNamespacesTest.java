package dev.imagestreams.engine.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.testing.Configs;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivilegedNamespacesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "default",
        "kube-public",
        "kube-system",
        "openshift",
        "openshift-infra",
        "openshift-node"
      })
  void builtInNamespacesArePrivileged(String ns) {
    assertThat(PrivilegedNamespaces.reason(ns, Map.of(), ImportConfig.defaults()))
        .hasValueSatisfying(r -> assertThat(r).contains(ns));
  }

  @Test
  void runLevelZeroAndOneArePrivileged() {
    assertThat(
            PrivilegedNamespaces.reason(
                "team", Map.of("openshift.io/run-level", "0"), ImportConfig.defaults()))
        .isPresent();
    assertThat(
            PrivilegedNamespaces.reason(
                "team", Map.of("openshift.io/run-level", "1"), ImportConfig.defaults()))
        .hasValueSatisfying(r -> assertThat(r).contains("openshift.io/run-level=1"));
    assertThat(
            PrivilegedNamespaces.reason(
                "team", Map.of("openshift.io/run-level", "2"), ImportConfig.defaults()))
        .isEmpty();
    assertThat(PrivilegedNamespaces.reason("team", null, ImportConfig.defaults())).isEmpty();
    assertThat(
            PrivilegedNamespaces.reason("openshift-monitoring", Map.of(), ImportConfig.defaults()))
        .as("only the listed names, not every openshift- namespace")
        .isEmpty();
  }

  @Test
  void configuredNamespacesArePrivileged() {
    ImportConfig config = Configs.yaml("privilegedNamespaces: [platform]");
    assertThat(PrivilegedNamespaces.reason("platform", Map.of(), config))
        .hasValueSatisfying(r -> assertThat(r).contains("privilegedNamespaces"));
  }
}
