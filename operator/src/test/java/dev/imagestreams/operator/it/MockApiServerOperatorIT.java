package dev.imagestreams.operator.it;

import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.MockApiServer;

/** The scenarios on fabric8's mock API server (CRUD mode). */
class MockApiServerOperatorIT extends OperatorScenarios {
  @Override
  protected ApiServer startApiServer() {
    return new MockApiServer();
  }
}
