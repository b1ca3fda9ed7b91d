package dev.imagestreams.operator.lookup;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * The webhook's HTTPS server (the JDK's {@link HttpsServer}; HTTP/1.1, which the API server's
 * webhook client falls back to), serving whatever certificate its {@link ReloadingKeyManager} holds
 * at each handshake.
 */
final class WebhookServer implements AutoCloseable {
  static {
    // the JDK's server writes a response's headers and body apart: without TCP_NODELAY the body
    // waits for the client's delayed ACK (tens of milliseconds per answer)
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpsServer server;
  private final ExecutorService threads;
  private final ReloadingKeyManager keys;

  /**
   * Binds, and starts serving {@code handler} at {@code path}.
   *
   * @param bind the address to bind ({@code 0.0.0.0} in a pod; loopback in tests)
   * @param port the port, 0 for any free port
   * @param threads the threads answering requests
   */
  WebhookServer(
      String bind,
      int port,
      String path,
      HttpHandler handler,
      ReloadingKeyManager keys,
      int threads) {
    this.keys = keys;
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(new KeyManager[] {keys}, null, null);
      server = HttpsServer.create(new InetSocketAddress(bind, port), 256);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + bind + ":" + port + " for the image lookup webhook", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "image-lookup-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(this.threads);
    server.createContext(path, handler);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  ReloadingKeyManager keys() {
    return keys;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdown();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
