package dev.imagestreams.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The environment is read strictly: a wrong value is named with its variable, never defaulted. */
class ProcessSettingsTest {

  @Test
  void anEmptyEnvironmentGivesTheDefaults() throws Exception {
    ProcessSettings s = ProcessSettings.from(Map.of(), null);
    assertThat(s.operatorNamespace()).isEqualTo("imagestream-operator");
    assertThat(s.configMapName()).isEqualTo("imagestream-operator-config");
    assertThat(s.watchedNamespaces()).isEmpty();
    assertThat(s.metricsPort()).isEqualTo(8080);
    assertThat(s.installCrds()).isFalse();
    assertThat(s.leaderElection()).isFalse();
    assertThat(s.leaderElectionLease()).isEqualTo("imagestream-operator-leader");
    assertThat(s.logFormat()).isEqualTo("text");
    assertThat(s.logLevel()).isEqualTo("info");
  }

  @Test
  void everyVariableIsRead() throws Exception {
    ProcessSettings s =
        ProcessSettings.from(
            Map.ofEntries(
                Map.entry("OPERATOR_NAMESPACE", "ops"),
                Map.entry("CONFIG_MAP_NAME", "cfg"),
                Map.entry("WATCH_NAMESPACES", " team-a, ,team-b "),
                Map.entry("METRICS_PORT", "9090"),
                Map.entry("INSTALL_CRDS", "true"),
                Map.entry("LEADER_ELECTION", "true"),
                Map.entry("LEADER_ELECTION_LEASE", "lease"),
                Map.entry("POD_NAME", "pod-1"),
                Map.entry("HOSTNAME", "host"),
                Map.entry("LOG_FORMAT", "json"),
                Map.entry("LOG_LEVEL", "DEBUG"),
                Map.entry("PATH", "/usr/bin")),
            "from-the-service-account");
    assertThat(s.operatorNamespace()).isEqualTo("ops");
    assertThat(s.configMapName()).isEqualTo("cfg");
    assertThat(s.watchedNamespaces()).containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(s.metricsPort()).isEqualTo(9090);
    assertThat(s.installCrds()).isTrue();
    assertThat(s.leaderElection()).isTrue();
    assertThat(s.leaderElectionLease()).isEqualTo("lease");
    assertThat(s.identity()).isEqualTo("pod-1");
    assertThat(s.logFormat()).isEqualTo("json");
  }

  @Test
  void theServiceAccountsNamespaceAndTheHostNameAreTheFallbacks() throws Exception {
    ProcessSettings s = ProcessSettings.from(Map.of("HOSTNAME", "host"), "team");
    assertThat(s.operatorNamespace()).isEqualTo("team");
    assertThat(s.identity()).isEqualTo("host");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          METRICS_PORT    | abc     | METRICS_PORT=abc is not an integer
          METRICS_PORT    | 70000   | METRICS_PORT=70000 is not a port (0 to 65535)
          INSTALL_CRDS    | yes     | INSTALL_CRDS=yes is not true or false
          LEADER_ELECTION | 1       | LEADER_ELECTION=1 is not true or false
          LOG_FORMAT      | JSON    | LOG_FORMAT=JSON is not a log format: use text or json
          LOG_LEVEL       | verbose | LOG_LEVEL=verbose is not a log level: use trace, debug, info, warn or error
          """)
  void aWrongValueIsNamedWithItsVariable(String variable, String value, String message) {
    assertThatThrownBy(() -> ProcessSettings.from(Map.of(variable, value), null))
        .isInstanceOf(ProcessSettings.InvalidSettingException.class)
        .hasMessage(message);
  }
}
