package dev.imagestreams.testinfra.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts the process of a {@link DistributionRegistry}: writes its configuration, runs {@code
 * registry serve} with a clean environment and waits until {@code GET /v2/} answers, the log's tail
 * in every failure.
 *
 * @param binary the registry executable
 * @param startupTimeout how long to wait for {@code GET /v2/}
 * @param logLevel the registry's log level
 * @param auth how the registry authenticates clients
 * @param tls the certificate and key to serve HTTPS with, or {@code null} for plain HTTP
 */
record RegistryLauncher(
    Path binary,
    Duration startupTimeout,
    String logLevel,
    RegistryConfiguration.Auth auth,
    TestCertificates.TlsMaterial tls) {

  private static final String HTTP_SECRET = "imagestream-operator-test-secret";
  private static final int LOG_TAIL_LINES = 30;
  private static final HttpClient PROBE_CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(1))
          .followRedirects(HttpClient.Redirect.NEVER)
          .sslContext(TestCertificates.trustingAnything())
          .build();

  /**
   * Starts the registry on a free port, its files in {@code workDirectory} named after the attempt,
   * and waits until it answers.
   *
   * @throws PortTakenException when another process took the port first: try again
   */
  DistributionRegistry start(Path workDirectory, int attempt) {
    int port = freePort();
    Path storage = workDirectory.resolve("storage");
    Path config = workDirectory.resolve("config-" + attempt + ".yml");
    Path log = workDirectory.resolve("registry-" + attempt + ".log");
    Process process;
    try {
      Files.createDirectories(storage);
      Files.writeString(
          config,
          RegistryConfiguration.yaml(logLevel, storage, port, tls, auth.yaml(workDirectory)),
          StandardCharsets.UTF_8);
      ProcessBuilder builder =
          new ProcessBuilder(binary.toString(), "serve", config.toString())
              .directory(workDirectory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> environment = builder.environment();
      // REGISTRY_* variables override the configuration file, OTEL_* ones configure v3's
      // tracing: never inherit them from the caller.
      environment
          .keySet()
          .removeIf(name -> name.startsWith("REGISTRY_") || name.startsWith("OTEL_"));
      environment.put("REGISTRY_HTTP_SECRET", HTTP_SECRET);
      // v3 exports traces to https://localhost:4318 unless told not to, and logs each failure
      environment.put("OTEL_TRACES_EXPORTER", "none");
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
    DistributionRegistry registry =
        new DistributionRegistry(process, port, tls != null, workDirectory, log);
    try {
      awaitReady(registry, process, log);
      return registry;
    } catch (RuntimeException e) {
      registry.abandon();
      throw e;
    }
  }

  private void awaitReady(DistributionRegistry registry, Process process, Path log) {
    HttpRequest probe =
        HttpRequest.newBuilder(registry.baseUri().resolve("/v2/"))
            .timeout(Duration.ofSeconds(1))
            .GET()
            .build();
    long deadline = System.nanoTime() + startupTimeout.toNanos();
    long backoffMillis = 5;
    String lastProblem = "no answer yet";
    while (true) {
      if (!process.isAlive()) {
        String tail = TestFiles.tail(log, LOG_TAIL_LINES);
        String message =
            "registry exited with code "
                + process.exitValue()
                + " before answering GET /v2/ on "
                + registry.host()
                + ". Log tail:\n"
                + tail;
        throw tail.contains("address already in use")
            ? new PortTakenException(message)
            : new IllegalStateException(message);
      }
      try {
        int status = PROBE_CLIENT.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200 || status == 401) {
          return;
        }
        lastProblem = "GET /v2/ answered " + status;
      } catch (IOException e) {
        lastProblem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the registry", e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "registry did not answer GET /v2/ on "
                + registry.host()
                + " within "
                + startupTimeout
                + " ("
                + lastProblem
                + "). Log tail:\n"
                + TestFiles.tail(log, LOG_TAIL_LINES));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMillis));
      backoffMillis = Math.min(backoffMillis * 2, 200);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, LoopbackHttpServer.LOOPBACK)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    }
  }

  /** Another process took the free port before the registry could: try again. */
  static final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }
  }
}
