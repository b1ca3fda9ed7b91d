package dev.imagestreams.operator.it;

import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.RealApiServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIf;

/** The healing scenarios on a real kube-apiserver, with the operator's RBAC from deploy/. */
@Tag("kube-api")
@EnabledIf("dev.imagestreams.testinfra.RealApiServer#available")
class KubeApiServerHealingIT extends HealingScenarios {
  @Override
  protected ApiServer startApiServer() {
    return RealApiServer.start();
  }
}
