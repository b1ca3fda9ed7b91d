package dev.imagestreams.operator.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

/**
 * Start-up requests do not retry: an unreachable API server is reported within one connect timeout.
 */
class PreflightTest {
  @Test
  void startUpRequestsUseTheOperatorsServerAndCredentialsWithoutRetries() {
    Config operator =
        new ConfigBuilder(Config.empty())
            .withMasterUrl("https://10.0.0.1:6443/")
            .withOauthToken("t0ken")
            .withCaCertFile("/etc/ca.crt")
            .withNamespace("ops")
            .withRequestRetryBackoffLimit(10)
            .withConnectionTimeout(10_000)
            .build();
    Config once = Preflight.once(operator);
    assertThat(once.getRequestRetryBackoffLimit()).isZero();
    assertThat(once.getConnectionTimeout()).isEqualTo(5_000);
    assertThat(once.getRequestTimeout()).isEqualTo(10_000);
    assertThat(once.isHttp2Disable())
        .as("a 401 over HTTP/2 would surface as a closed connection")
        .isTrue();
    assertThat(once.getMasterUrl()).isEqualTo("https://10.0.0.1:6443/");
    assertThat(once.getOauthToken()).isEqualTo("t0ken");
    assertThat(once.getCaCertFile()).isEqualTo("/etc/ca.crt");
    assertThat(operator.getRequestRetryBackoffLimit())
        .as("the operator's own client keeps retrying")
        .isEqualTo(10);
  }
}
