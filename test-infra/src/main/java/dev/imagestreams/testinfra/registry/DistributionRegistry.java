package dev.imagestreams.testinfra.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagestreams.testinfra.BuiltBinary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real CNCF distribution registry ({@code registry serve}, distribution v3 as {@code
 * test-infra/build.sh} builds it: {@link BuiltBinary#DISTRIBUTION_REGISTRY}) running as a child
 * process on {@code 127.0.0.1} and a free port, with fresh storage in a temporary directory.
 *
 * <pre>{@code
 * try (DistributionRegistry registry = DistributionRegistry.anonymous().start()) {
 *     URI v2 = registry.baseUri().resolve("/v2/");
 * }
 * }</pre>
 *
 * <p>Three authentication variants exist: {@link #anonymous()}, {@link #basicAuth(Path)} (bcrypt
 * htpasswd file; {@link #basicAuth()} writes one for {@link Credentials#DEFAULT}, see {@link
 * Htpasswd}) and {@link #tokenAuth(URI, String, String, Path)} (bearer tokens, see {@link
 * TokenServer}). The registry serves plain HTTP unless given {@link Builder#tls TLS material}; the
 * access log and OpenTelemetry's trace export are off, the application log goes to a file whose
 * tail is part of every startup error.
 *
 * <p>{@link #close()} stops the process and its descendants and deletes the temporary directory.
 * For JUnit 5 classes, {@link RegistryExtension} wraps this class.
 */
public final class DistributionRegistry implements LoopbackAddress, AutoCloseable {

  private static final String HTTP_SECRET = "imagestream-operator-test-secret";
  private static final int LOG_TAIL_LINES = 30;
  private static final int MAX_PORT_ATTEMPTS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient PROBE_CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(1))
          .followRedirects(HttpClient.Redirect.NEVER)
          .sslContext(trustingAnything())
          .build();

  private final Process process;
  private final int port;
  private final boolean tls;
  private final Path workDirectory;
  private final Path logFile;
  private final Thread shutdownHook;
  private volatile boolean closed;

  private DistributionRegistry(
      Process process, int port, boolean tls, Path workDirectory, Path logFile) {
    this.process = process;
    this.port = port;
    this.tls = tls;
    this.workDirectory = workDirectory;
    this.logFile = logFile;
    this.shutdownHook = new Thread(this::stopProcess, "registry-" + port + "-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Tells whether {@code test-infra/build.sh} has built the registry binary.
   *
   * @return {@code true} when {@link BuiltBinary#DISTRIBUTION_REGISTRY} is there
   */
  public static boolean isAvailable() {
    return BuiltBinary.DISTRIBUTION_REGISTRY.isBuilt();
  }

  /**
   * Starts configuring a registry; without further calls it accepts anonymous pulls and pushes.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A registry without authentication.
   *
   * @return a builder; call {@link Builder#start()}
   */
  public static Builder anonymous() {
    return builder();
  }

  /**
   * A registry that requires HTTP Basic credentials {@link Credentials#DEFAULT}, from an htpasswd
   * file it writes ({@link Htpasswd}).
   *
   * @return a builder; call {@link Builder#start()}
   */
  public static Builder basicAuth() {
    return builder().basicAuth();
  }

  /**
   * A registry that requires HTTP Basic credentials from an htpasswd file.
   *
   * @param htpasswd a bcrypt htpasswd file ({@link Htpasswd#write}, or {@code htpasswd -Bbn user
   *     password}); distribution rejects other hashes
   * @return a builder; call {@link Builder#start()}
   */
  public static Builder basicAuth(Path htpasswd) {
    return builder().basicAuth(htpasswd);
  }

  /**
   * A registry that requires bearer tokens from a token server.
   *
   * @param realm the token endpoint that clients are sent to by the {@code WWW-Authenticate}
   *     challenge
   * @param service the service name; tokens must carry it as audience
   * @param issuer the issuer that tokens must carry
   * @param rootCertificatePem PEM file with the certificate(s) that token signing certificates must
   *     chain to
   * @return a builder; call {@link Builder#start()}
   */
  public static Builder tokenAuth(
      URI realm, String service, String issuer, Path rootCertificatePem) {
    return builder().tokenAuth(realm, service, issuer, rootCertificatePem);
  }

  /**
   * A registry that trusts the tokens of a running {@link TokenServer}.
   *
   * @param tokenServer the token server, already started
   * @return a builder; call {@link Builder#start()}
   */
  public static Builder tokenAuth(TokenServer tokenServer) {
    return builder().tokenAuth(tokenServer);
  }

  /**
   * The TCP port the registry listens on.
   *
   * @return the port
   */
  @Override
  public int port() {
    return port;
  }

  /**
   * The registry's base URI, without a trailing slash.
   *
   * @return {@code http://127.0.0.1:PORT}, or {@code https://} when the registry serves TLS
   */
  @Override
  public URI baseUri() {
    return URI.create((tls ? "https://" : "http://") + host());
  }

  /**
   * Tells whether the registry process is still running.
   *
   * @return {@code true} until the process exits or {@link #close()} is called
   */
  public boolean isRunning() {
    return !closed && process.isAlive();
  }

  /**
   * The last lines of the registry's log, for diagnosing a failing test.
   *
   * @param lines how many lines at most
   * @return the log tail, or a note if the log is gone
   */
  public String logTail(int lines) {
    return TestFiles.tail(logFile, lines);
  }

  /** The temporary directory with storage, configuration and log; deleted by {@link #close()}. */
  Path workDirectory() {
    return workDirectory;
  }

  /** The registry process. */
  ProcessHandle processHandle() {
    return process.toHandle();
  }

  /** Stops the registry process and its descendants and deletes storage, configuration and log. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException jvmShuttingDown) {
      // the hook runs anyway
    }
    stopProcess();
    TestFiles.deleteRecursively(workDirectory);
  }

  @Override
  public String toString() {
    return "DistributionRegistry[" + baseUri() + "]";
  }

  private void stopProcess() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Configures and starts a {@link DistributionRegistry}. */
  public static final class Builder {

    private Path binary;
    private Duration startupTimeout = Duration.ofSeconds(10);
    private String logLevel = "info";
    private Auth auth = new NoAuth();
    private TestCertificates.TlsMaterial tls;

    private Builder() {}

    /**
     * Serves HTTPS with this certificate and key instead of plain HTTP.
     *
     * @param material the certificate and key files
     * @return this builder
     */
    public Builder tls(TestCertificates.TlsMaterial material) {
      this.tls = Objects.requireNonNull(material, "material");
      return this;
    }

    /**
     * Requires Basic credentials {@link Credentials#DEFAULT}, from an htpasswd file the registry's
     * start writes.
     *
     * @return this builder
     */
    public Builder basicAuth() {
      this.auth = new HtpasswdAuth(null);
      return this;
    }

    /**
     * Requires Basic credentials from a bcrypt htpasswd file.
     *
     * @param htpasswd the password file
     * @return this builder
     */
    public Builder basicAuth(Path htpasswd) {
      this.auth = new HtpasswdAuth(Objects.requireNonNull(htpasswd, "htpasswd"));
      return this;
    }

    /**
     * Requires bearer tokens; see {@link DistributionRegistry#tokenAuth(URI, String, String,
     * Path)}.
     *
     * @param realm the token endpoint
     * @param service the expected audience
     * @param issuer the expected issuer
     * @param rootCertificatePem the trusted signing certificate(s), PEM
     * @return this builder
     */
    public Builder tokenAuth(URI realm, String service, String issuer, Path rootCertificatePem) {
      this.auth =
          new TokenAuth(
              Objects.requireNonNull(realm, "realm"),
              Objects.requireNonNull(service, "service"),
              Objects.requireNonNull(issuer, "issuer"),
              Objects.requireNonNull(rootCertificatePem, "rootCertificatePem"));
      return this;
    }

    /**
     * Requires bearer tokens issued by a running token server.
     *
     * @param tokenServer the token server
     * @return this builder
     */
    public Builder tokenAuth(TokenServer tokenServer) {
      return tokenAuth(
          tokenServer.realm(),
          tokenServer.service(),
          tokenServer.issuer(),
          tokenServer.rootCertificateFile());
    }

    /**
     * Uses another registry binary than the one {@code test-infra/build.sh} builds, for example a
     * newer distribution build.
     *
     * @param binary the executable
     * @return this builder
     */
    public Builder binary(Path binary) {
      this.binary = Objects.requireNonNull(binary, "binary");
      return this;
    }

    /**
     * How long to wait for {@code GET /v2/} to answer; default 10 seconds.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * The registry's log level ({@code error}, {@code warn}, {@code info}, {@code debug}); default
     * {@code info}.
     *
     * @param level the level
     * @return this builder
     */
    public Builder logLevel(String level) {
      this.logLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /**
     * Starts the registry and waits until it answers {@code GET /v2/} with 200 or 401.
     *
     * @return the running registry; close it
     * @throws IllegalStateException if the binary is missing ({@link BuiltBinary#missing()}) or the
     *     registry does not become ready in time
     */
    public DistributionRegistry start() {
      Path binary = this.binary != null ? this.binary : BuiltBinary.DISTRIBUTION_REGISTRY.path();
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException(
            this.binary == null
                ? BuiltBinary.DISTRIBUTION_REGISTRY.missing()
                : "no CNCF distribution registry at " + binary);
      }
      Path workDirectory = TestFiles.createTempDirectory("registry-");
      try {
        for (int attempt = 1; ; attempt++) {
          try {
            return startOnce(binary, workDirectory, attempt);
          } catch (PortTakenException e) {
            if (attempt == MAX_PORT_ATTEMPTS) {
              throw new IllegalStateException(e.getMessage());
            }
          }
        }
      } catch (RuntimeException e) {
        TestFiles.deleteRecursively(workDirectory);
        throw e;
      }
    }

    /** Whether this builder runs the binary that build.sh builds (no {@link #binary(Path)}). */
    boolean usesBuiltBinary() {
      return binary == null;
    }

    private DistributionRegistry startOnce(Path binary, Path workDirectory, int attempt) {
      int port = freePort();
      Path storage = workDirectory.resolve("storage");
      Path config = workDirectory.resolve("config-" + attempt + ".yml");
      Path log = workDirectory.resolve("registry-" + attempt + ".log");
      Process process;
      try {
        Files.createDirectories(storage);
        Files.writeString(
            config, configuration(storage, port, auth.yaml(workDirectory)), StandardCharsets.UTF_8);
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
        registry.stopProcess();
        Runtime.getRuntime().removeShutdownHook(registry.shutdownHook);
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
          int status =
              PROBE_CLIENT.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
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

    private String configuration(Path storage, int port, String authYaml) {
      return "version: 0.1\n"
          + "log:\n"
          + "  level: "
          + quote(logLevel)
          + "\n"
          + "  accesslog:\n"
          + "    disabled: true\n"
          + "storage:\n"
          + "  filesystem:\n"
          + "    rootdirectory: "
          + quote(storage.toString())
          + "\n"
          + "  delete:\n"
          + "    enabled: true\n"
          + "  maintenance:\n"
          + "    uploadpurging:\n"
          + "      enabled: false\n"
          + "http:\n"
          + "  addr: "
          + quote("127.0.0.1:" + port)
          + "\n"
          + (tls == null
              ? ""
              : "  tls:\n"
                  + "    certificate: "
                  + quote(tls.certificateFile().toAbsolutePath().toString())
                  + "\n"
                  + "    key: "
                  + quote(tls.keyFile().toAbsolutePath().toString())
                  + "\n")
          + authYaml;
    }
  }

  /**
   * The fixtures' own clients (readiness probe, pusher) accept the test's self-signed certificates.
   */
  static javax.net.ssl.SSLContext trustingAnything() {
    try {
      javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(
          null,
          new javax.net.ssl.TrustManager[] {
            new javax.net.ssl.X509ExtendedTrustManager() {
              @Override
              public void checkClientTrusted(
                  java.security.cert.X509Certificate[] c, String a, java.net.Socket s) {}

              @Override
              public void checkServerTrusted(
                  java.security.cert.X509Certificate[] c, String a, java.net.Socket s) {}

              @Override
              public void checkClientTrusted(
                  java.security.cert.X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) {}

              @Override
              public void checkServerTrusted(
                  java.security.cert.X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) {}

              @Override
              public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

              @Override
              public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

              @Override
              public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
              }
            }
          },
          null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JSON string literal is a valid YAML double-quoted scalar. */
  static String quote(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
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

  private sealed interface Auth permits NoAuth, HtpasswdAuth, TokenAuth {
    String yaml(Path workDirectory);
  }

  private record NoAuth() implements Auth {
    @Override
    public String yaml(Path workDirectory) {
      return "";
    }
  }

  private record HtpasswdAuth(Path file) implements Auth {
    @Override
    public String yaml(Path workDirectory) {
      Path path =
          file != null
              ? file.toAbsolutePath()
              : Htpasswd.write(workDirectory.resolve("htpasswd"), List.of(Credentials.DEFAULT));
      return "auth:\n"
          + "  htpasswd:\n"
          + "    realm: "
          + quote("imagestream-test-registry")
          + "\n"
          + "    path: "
          + quote(path.toString())
          + "\n";
    }
  }

  private record TokenAuth(URI realm, String service, String issuer, Path rootCertificatePem)
      implements Auth {
    @Override
    public String yaml(Path workDirectory) {
      return "auth:\n"
          + "  token:\n"
          + "    realm: "
          + quote(realm.toString())
          + "\n"
          + "    service: "
          + quote(service)
          + "\n"
          + "    issuer: "
          + quote(issuer)
          + "\n"
          + "    rootcertbundle: "
          + quote(rootCertificatePem.toAbsolutePath().toString())
          + "\n";
    }
  }

  private static final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }
  }
}
