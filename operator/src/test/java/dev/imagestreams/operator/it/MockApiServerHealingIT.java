package dev.imagestreams.operator.it;

import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.MockApiServer;

/** The healing scenarios on fabric8's mock API server. */
class MockApiServerHealingIT extends HealingScenarios {
  @Override
  protected ApiServer startApiServer() {
    return new MockApiServer();
  }
}
