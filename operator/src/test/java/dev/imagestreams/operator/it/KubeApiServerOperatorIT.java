package dev.imagestreams.operator.it;

import dev.imagestreams.operator.testing.ApiServer;
import dev.imagestreams.operator.testing.RealApiServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The scenarios on a real kube-apiserver and etcd (fabric8 kube-api-test), with server-side apply,
 * schema and CEL validation. Runs where kube-api-test's binaries exist (see the README); no
 * package reachable from CI ships kube-apiserver, so there the mock runs the same scenarios.
 */
@Tag("kube-api")
@EnabledIf("dev.imagestreams.operator.testing.RealApiServer#available")
class KubeApiServerOperatorIT extends OperatorScenarios {
  @Override
  protected ApiServer startApiServer() {
    return RealApiServer.start();
  }
}
