package dev.imagestreams.testinfra;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;

/**
 * fabric8's mock API server in CRUD mode, for the scenarios that must also run where no real API
 * server can be built. It has no server-side apply: {@link ServerSideApplyAsMergePatch} stands in
 * for the operator's status writes. See docs/testing.md for what else it does not do.
 */
public final class MockApiServer extends ClientPair {
  /** Held: java.util.logging forgets the level of a logger nobody references. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;

  public MockApiServer() {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING); // the mock logs every request at INFO
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new ServerSideApplyAsMergePatch(),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    clients(
        counter ->
            server.createClient(
                b ->
                    b.withHttpClientBuilderConsumer(
                        h -> h.addOrReplaceInterceptor("count", counter))),
        server.createClient());
  }

  @Override
  public void close() {
    closeClients();
    server.destroy();
  }
}
