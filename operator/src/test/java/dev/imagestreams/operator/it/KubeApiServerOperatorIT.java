package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequiresBuilt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The operator's scenarios on a real kube-apiserver and etcd, with server-side apply, schema and
 * CEL validation, and the operator authenticated as the ServiceAccount of deploy/rbac.yaml: each
 * scenario also fails if the API server denied the operator anything.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
class KubeApiServerOperatorIT extends OperatorScenarios {
  @Override
  protected ApiServer startApiServer() {
    return RealApiServer.start();
  }

  @Test
  void pullSecretsAreListedByTypeOnly() {
    // the scenarios before and after use secrets; the informers were set up at start
    assertThat(api.requests().all())
        .filteredOn(r -> r.path().endsWith("/secrets"))
        .isNotEmpty()
        .allSatisfy(
            r ->
                assertThat(r.query())
                    .as(r.toString())
                    .containsAnyOf(
                        "fieldSelector=type%3Dkubernetes.io%2Fdockerconfigjson",
                        "fieldSelector=type=kubernetes.io/dockerconfigjson",
                        "fieldSelector=type%3Dkubernetes.io%2Fdockercfg",
                        "fieldSelector=type=kubernetes.io/dockercfg"));
    assertThat(((RealApiServer) api).controlPlane().auditEvents())
        .filteredOn(
            e -> RealApiServer.OPERATOR_USER.equals(e.path("user").path("username").asText()))
        .filteredOn(e -> "secrets".equals(e.path("objectRef").path("resource").asText()))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.path("requestURI").asText()).contains("fieldSelector=type"));
  }
}
