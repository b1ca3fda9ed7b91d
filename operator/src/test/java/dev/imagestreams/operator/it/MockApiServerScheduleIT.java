package dev.imagestreams.operator.it;

import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.MockApiServer;

/** The schedule scenarios on fabric8's mock API server. */
class MockApiServerScheduleIT extends ScheduleScenarios {
  @Override
  protected ApiServer startApiServer() {
    return new MockApiServer();
  }
}
