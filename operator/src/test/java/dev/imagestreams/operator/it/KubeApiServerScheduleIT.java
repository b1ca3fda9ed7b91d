package dev.imagestreams.operator.it;

import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequiresBuilt;
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
