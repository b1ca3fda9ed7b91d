package dev.imagestreams.testinfra.registry;

import dev.imagestreams.testinfra.BuiltBinary;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

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

  private static final int MAX_PORT_ATTEMPTS = 3;

  private final Process process;
  private final int port;
  private final boolean tls;
  private final Path workDirectory;
  private final Path logFile;
  private final Thread shutdownHook;
  private volatile boolean closed;

  DistributionRegistry(Process process, int port, boolean tls, Path workDirectory, Path logFile) {
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

  /** Stops a registry that failed to start: its work directory stays for the next attempt. */
  void abandon() {
    stopProcess();
    Runtime.getRuntime().removeShutdownHook(shutdownHook);
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
    private RegistryConfiguration.Auth auth = new RegistryConfiguration.NoAuth();
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
      this.auth = new RegistryConfiguration.HtpasswdAuth(null);
      return this;
    }

    /**
     * Requires Basic credentials from a bcrypt htpasswd file.
     *
     * @param htpasswd the password file
     * @return this builder
     */
    public Builder basicAuth(Path htpasswd) {
      this.auth =
          new RegistryConfiguration.HtpasswdAuth(Objects.requireNonNull(htpasswd, "htpasswd"));
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
          new RegistryConfiguration.TokenAuth(
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
      RegistryLauncher launcher = new RegistryLauncher(binary, startupTimeout, logLevel, auth, tls);
      Path workDirectory = TestFiles.createTempDirectory("registry-");
      try {
        for (int attempt = 1; ; attempt++) {
          try {
            return launcher.start(workDirectory, attempt);
          } catch (RegistryLauncher.PortTakenException e) {
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
  }
}
