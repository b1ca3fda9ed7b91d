package dev.imagestreams.testinfra.registry;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK {@link HttpServer} on {@code 127.0.0.1} and a free port, with its own pool of daemon
 * threads so that a slow or hanging exchange never blocks the others, and a {@link #close()} that
 * does not wait for them.
 */
final class LoopbackHttpServer implements LoopbackAddress, AutoCloseable {

  /** {@code 127.0.0.1}, also when the JVM prefers IPv6. */
  static final InetAddress LOOPBACK;

  static {
    try {
      LOOPBACK = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;

  private LoopbackHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static LoopbackHttpServer start(String name, HttpHandler handler) {
    return start(name, handler, 0);
  }

  /** Starts on a given port (0: a free one), e.g. again on the port of a closed server. */
  static LoopbackHttpServer start(String name, HttpHandler handler, int port) {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, name + "-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, port), 50);
      server.setExecutor(executor);
      server.createContext("/", handler);
      server.start();
      return new LoopbackHttpServer(server, executor);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  @Override
  public int port() {
    return server.getAddress().getPort();
  }

  /** Closes the listener and all connections at once, then interrupts the handler threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
