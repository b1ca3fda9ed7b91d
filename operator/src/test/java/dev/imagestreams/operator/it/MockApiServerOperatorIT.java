package dev.imagestreams.operator.it;

import dev.imagestreams.operator.testing.ApiServer;
import dev.imagestreams.operator.testing.MockApiServer;

/** The scenarios on fabric8's mock API server (CRUD mode). */
class MockApiServerOperatorIT extends OperatorScenarios {
  @Override
  protected ApiServer startApiServer() {
    return new MockApiServer();
  }
}
