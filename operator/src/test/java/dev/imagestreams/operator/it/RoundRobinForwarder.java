package dev.imagestreams.operator.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback port that stands for a Service with several ready pods: each new TCP connection goes
 * to the next of the target ports that accepts it (TLS passes through untouched).
 */
final class RoundRobinForwarder implements AutoCloseable {
  private final ServerSocket server;
  private final List<Integer> targets;
  private final AtomicInteger next = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  RoundRobinForwarder(List<Integer> targets) throws IOException {
    this.targets = List.copyOf(targets);
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "round-robin-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      Socket upstream = connect();
      if (upstream == null) {
        close(client);
        continue;
      }
      open.add(client);
      open.add(upstream);
      pump(client, upstream);
      pump(upstream, client);
    }
  }

  /** The next target that accepts, trying each once. */
  private Socket connect() {
    for (int i = 0; i < targets.size(); i++) {
      int port = targets.get(Math.floorMod(next.getAndIncrement(), targets.size()));
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
        return s;
      } catch (IOException e) {
        close(s);
      }
    }
    return null;
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side closed
              } finally {
                close(from);
                close(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "round-robin-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    open.forEach(RoundRobinForwarder::close);
  }
}
