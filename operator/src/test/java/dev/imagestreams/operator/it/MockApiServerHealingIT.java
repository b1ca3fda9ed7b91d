package dev.imagestreams.operator.it;

import dev.imagestreams.operator.testing.ApiServer;
import dev.imagestreams.operator.testing.MockApiServer;

/** The healing scenarios on fabric8's mock API server. */
class MockApiServerHealingIT extends HealingScenarios {
  @Override
  protected ApiServer startApiServer() {
    return new MockApiServer();
  }
}
