package dev.imagestreams.benchmarks.flux;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP forwarder in front of a plain-HTTP registry that counts the HTTP requests passing through,
 * by method and endpoint, and the repositories they name. Bytes pass unchanged both ways, so the
 * clients talk to the registry itself: a TLS handshake (a Go client trying HTTPS first) reaches the
 * registry and is refused by it as fast as without the forwarder. The JDK's HTTP server (under
 * {@code FaultProxy}) would instead hold such a connection open for its request timeout, which
 * delays each scan of a client that races HTTPS against HTTP by the client's fallback delay.
 *
 * <p>Requests are read from the client's side of each connection: a header block, then a body of
 * its {@code Content-Length}. A connection with a chunked request body is counted as unparsed and
 * only forwarded (registry reads have no body).
 */
final class CountingProxy implements AutoCloseable {
  private static final Pattern ENDPOINT =
      Pattern.compile("^/v2/(.+)/(manifests|blobs|tags)/([^?]*)(\\?.*)?$");
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  private final int upstreamPort;
  private final ServerSocket server;
  private volatile Counts counts = new Counts();

  CountingProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 500, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "counting-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** {@code 127.0.0.1:PORT}: the registry host the clients under test are given. */
  String host() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** What passed since the last call (or the start), and a fresh count from now on. */
  RegistryTraffic takeTraffic() {
    Counts taken = counts;
    counts = new Counts();
    return taken.traffic();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Socket upstream = new Socket();
      try {
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
      } catch (IOException e) {
        closeQuietly(client); // the registry is gone: so is the connection
        closeQuietly(upstream);
        continue;
      }
      counts.connections.increment();
      pump(upstream, client, null);
      pump(client, upstream, new RequestReader());
    }
  }

  private static void pump(Socket from, Socket to, RequestReader reader) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  if (reader != null) {
                    reader.read(buffer, n);
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side closed: close both
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "counting-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** The counters of one window. */
  private static final class Counts {
    final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    final Set<String> repositories = ConcurrentHashMap.newKeySet();
    final LongAdder connections = new LongAdder();
    final LongAdder tlsProbes = new LongAdder();
    final LongAdder unparsed = new LongAdder();

    void request(String method, String target) {
      String endpoint;
      Matcher m = ENDPOINT.matcher(target);
      if (m.matches()) {
        repositories.add(m.group(1));
        endpoint = m.group(2).equals("tags") ? "tags/" + m.group(3) : m.group(2);
      } else {
        endpoint = target.startsWith("/v2") && target.length() <= 4 ? "/v2/" : "other";
      }
      requests.computeIfAbsent(method + " " + endpoint, k -> new LongAdder()).increment();
    }

    RegistryTraffic traffic() {
      Map<String, Long> snapshot = new ConcurrentHashMap<>();
      requests.forEach((k, v) -> snapshot.put(k, v.sum()));
      return new RegistryTraffic(
          snapshot, repositories.size(), connections.sum(), tlsProbes.sum(), unparsed.sum());
    }
  }

  /** Follows the requests in the bytes a client sends on one connection. */
  private final class RequestReader {
    private final ByteArrayOutputStream header = new ByteArrayOutputStream();
    private long bodyLeft;
    private boolean following = true;

    void read(byte[] bytes, int length) {
      for (int i = 0; i < length && following; i++) {
        if (bodyLeft > 0) {
          int skipped = (int) Math.min(bodyLeft, length - i);
          bodyLeft -= skipped;
          i += skipped - 1;
          continue;
        }
        byte b = bytes[i];
        if (header.size() == 0 && b == 0x16) { // a TLS record: a handshake on a plain-HTTP port
          counts.tlsProbes.increment();
          following = false;
          return;
        }
        header.write(b);
        if (b == '\n' && endsWithBlankLine()) {
          requestEnded();
        } else if (header.size() > MAX_HEADER_BYTES) {
          giveUp();
        }
      }
    }

    private boolean endsWithBlankLine() {
      byte[] h = header.toByteArray();
      int n = h.length;
      return (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r')
          || (n >= 2 && h[n - 2] == '\n');
    }

    private void requestEnded() {
      String[] lines = header.toString(StandardCharsets.ISO_8859_1).split("\r?\n");
      header.reset();
      String[] requestLine = lines[0].split(" ");
      if (requestLine.length < 2) {
        giveUp();
        return;
      }
      for (String line : lines) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          bodyLeft = Long.parseLong(lower.substring("content-length:".length()).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          giveUp();
        }
      }
      counts.request(requestLine[0], requestLine[1]);
    }

    private void giveUp() {
      counts.unparsed.increment();
      following = false;
    }
  }
}
