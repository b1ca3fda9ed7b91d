package dev.imagestreams.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What a rolling update of deploy/'s Deployment (the chart renders the same, HelmChartIT) needs to
 * finish: the Deployment controller starts the new pod, waits until its readiness probe passes,
 * then stops the old one. The new pod is a standby until then, so the probe must be {@code
 * /readyz}, which a standby passes (KubeApiServerLeaderElectionIT), and the old pod's grace period
 * must leave it time to release the Lease (KubeApiServerStopIT).
 */
class DeploymentRolloutTest {
  private static JsonNode deployment() throws Exception {
    return new ObjectMapper(new YAMLFactory())
        .readTree(Path.of("..", "deploy", "deployment.yaml").toFile());
  }

  @Test
  void aRolloutWaitsForTheNewStandbyToBeReadyThenStopsTheOldLeader() throws Exception {
    JsonNode spec = deployment().path("spec");
    JsonNode rolling = spec.path("strategy").path("rollingUpdate");
    assertThat(spec.path("strategy").path("type").asText()).isEqualTo("RollingUpdate");
    assertThat(rolling.path("maxUnavailable").asInt()).as("the old pod runs until then").isZero();
    assertThat(rolling.path("maxSurge").asInt()).as("the new pod starts beside it").isEqualTo(1);

    JsonNode pod = spec.path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
        .as("a probe a standby passes")
        .isEqualTo("/readyz");
    assertThat(pod.path("terminationGracePeriodSeconds").asInt())
        .as("time to release the Lease and cut imports short")
        .isGreaterThanOrEqualTo(10);
    assertThat(container.path("env").findValuesAsText("name")).contains("LEADER_ELECTION");
  }
}
