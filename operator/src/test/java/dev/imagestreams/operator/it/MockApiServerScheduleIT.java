package dev.imagestreams.operator.it;

import dev.imagestreams.operator.testing.ApiServer;
import dev.imagestreams.operator.testing.MockApiServer;

/** The schedule scenarios on fabric8's mock API server. */
class MockApiServerScheduleIT extends ScheduleScenarios {
  @Override
  protected ApiServer startApiServer() {
    return new MockApiServer();
  }
}
