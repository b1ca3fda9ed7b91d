package dev.imagestreams.testinfra;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that runs one {@link RealApiServer} for all tests of a class. Register it on a
 * <em>static</em> field of a class annotated
 * {@code @RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)}: the server starts before the class's
 * {@code @BeforeAll} methods and closes after its {@code @AfterAll} methods, which may still use
 * it.
 *
 * <pre>{@code
 * @RegisterExtension static final RealApiServerExtension API = new RealApiServerExtension();
 * }</pre>
 */
public final class RealApiServerExtension implements BeforeAllCallback, AfterAllCallback {
  private RealApiServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = RealApiServer.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** The running server. */
  public RealApiServer server() {
    if (server == null) {
      throw new IllegalStateException("the API server runs only while the test class does");
    }
    return server;
  }
}
