package dev.imagestreams.benchmarks;

import dev.imagestreams.testinfra.ServerSideApplyAsMergePatch;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;

/**
 * fabric8's mock API server (CRUD mode) in a process of its own, so that the scale benchmark
 * measures the operator's heap, not the API server's storage. Prints {@code READY <url>} and runs
 * until its standard input closes.
 */
public final class MockApiServerMain {
  /** Held: java.util.logging forgets the level of a logger nobody references. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private MockApiServerMain() {}

  public static void main(String[] args) throws IOException {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new ServerSideApplyAsMergePatch(),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    System.out.println("READY " + server.url("/"));
    System.out.flush();
    while (System.in.read() >= 0) {
      // run until the parent goes away
    }
    server.destroy();
  }
}
