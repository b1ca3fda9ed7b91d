package dev.imagestreams.operator.it;

import dev.imagestreams.operator.testing.ApiServer;
import dev.imagestreams.operator.testing.RealApiServer;
import dev.imagestreams.registry.testing.BuiltBinary;
import dev.imagestreams.registry.testing.RequiresBuilt;
import org.junit.jupiter.api.Tag;

/** The schedule scenarios on a real kube-apiserver, with the operator's RBAC from deploy/. */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
class KubeApiServerScheduleIT extends ScheduleScenarios {
  @Override
  protected ApiServer startApiServer() {
    return RealApiServer.start();
  }
}
