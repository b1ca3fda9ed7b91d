package dev.imagestreams.operator.it;

import dev.imagestreams.operator.testing.ApiServer;
import dev.imagestreams.operator.testing.RealApiServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIf;

/** The healing scenarios on a real kube-apiserver, with the operator's RBAC from deploy/. */
@Tag("kube-api")
@EnabledIf("dev.imagestreams.operator.testing.RealApiServer#available")
class KubeApiServerHealingIT extends HealingScenarios {
  @Override
  protected ApiServer startApiServer() {
    return RealApiServer.start();
  }
}
