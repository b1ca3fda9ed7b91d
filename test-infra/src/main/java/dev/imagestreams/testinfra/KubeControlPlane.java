package dev.imagestreams.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubeapitest.KubeAPIServerConfig;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.binary.BinaryManager;
import io.fabric8.kubeapitest.cert.CertManager;
import io.fabric8.kubeapitest.kubeconfig.KubeConfig;
import io.fabric8.kubeapitest.process.EtcdProcess;
import io.fabric8.kubeapitest.process.KubeAPIServerProcess;
import io.fabric8.kubeapitest.process.UnexpectedProcessStopHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real kube-apiserver and etcd, from the binaries that {@code test-infra/build.sh} builds into
 * kube-api-test's layout, started with kube-api-test's parts (binaries, certificates, processes,
 * readiness checks) but held here so that the API server can be restarted with etcd kept: clients
 * reach it through a fixed loopback port that follows it. Every request is written to an audit log
 * (metadata level), so tests can assert what the API server answered, denials included.
 */
public final class KubeControlPlane implements AutoCloseable, UnexpectedProcessStopHandler {
  private static final Logger LOG = LoggerFactory.getLogger(KubeControlPlane.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int STARTUP_TIMEOUT_MILLIS = 120_000;

  private final Path dir;
  private final Path auditLog;
  private final KubeAPIServerConfig config;
  private final BinaryManager binaries;
  private final CertManager certs;
  private final EtcdProcess etcd;
  private final int etcdPort;
  private final TcpForwarder front;
  private KubeAPIServerProcess apiServer;

  private KubeControlPlane(Path dir, boolean audit) throws IOException {
    this.dir = dir;
    Path work = Files.createTempDirectory("kube-control-plane");
    this.auditLog = work.resolve("audit.log");
    Path policy = work.resolve("audit-policy.yaml");
    Files.writeString(
        policy,
        """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: [RequestReceived]
        rules:
        - level: Metadata
        """);
    this.config =
        KubeAPIServerConfigBuilder.anAPIServerConfig()
            .withTestDir(dir.toString())
            .withOfflineMode(true)
            .withUpdateKubeConfig(false)
            .withStartupTimeout(STARTUP_TIMEOUT_MILLIS)
            .withApiServerFlags(
                audit
                    ? List.of(
                        "--audit-policy-file=" + policy,
                        "--audit-log-path=" + auditLog,
                        "--bind-address=127.0.0.1")
                    : List.of("--bind-address=127.0.0.1"))
            .build();
    this.binaries = new BinaryManager(config);
    binaries.initAndDownloadIfRequired();
    this.certs = new CertManager(dir.toString());
    certs.createCertificatesIfNeeded();
    this.etcd = new EtcdProcess(binaries, this, true, STARTUP_TIMEOUT_MILLIS);
    this.etcdPort = etcd.startEtcd();
    int port = startApiServer();
    this.front = new TcpForwarder(port);
    LOG.info(
        "kube-apiserver {} on https://127.0.0.1:{} (etcd on {}){}",
        binaries.binaries().getApiServer().getParentFile().getName(),
        front.port(),
        etcdPort,
        audit ? ", audit log " + auditLog : "");
  }

  /**
   * Starts etcd and the API server from the binaries in {@link #binariesDir()}.
   *
   * @throws IllegalStateException naming where the binaries were looked for and how to build them
   *     ({@link BuiltBinary#missing()})
   */
  public static KubeControlPlane start() {
    return start(true);
  }

  /** Starts one without the audit log (benchmarks: a cluster's audit policy is its own choice). */
  public static KubeControlPlane startUnaudited() {
    return start(false);
  }

  private static KubeControlPlane start(boolean audit) {
    Path dir = testDir();
    if (binariesDir().isEmpty()) {
      throw new IllegalStateException(BuiltBinary.KUBE_CONTROL_PLANE.missing());
    }
    try {
      return new KubeControlPlane(dir, audit);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** kube-api-test's directory: {@code $KUBE_API_TEST_DIR}, else {@code ~/.kubeapitest}. */
  public static Path testDir() {
    String configured = System.getenv(KubeAPIServerConfigBuilder.KUBE_API_TEST_DIR);
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), KubeAPIServerConfigBuilder.DIRECTORY_NAME);
  }

  /** The version directory holding kube-apiserver, etcd and kubectl, if one does. */
  public static Optional<Path> binariesDir() {
    Path k8s = testDir().resolve(BinaryManager.BINARY_LIST_DIR);
    if (!Files.isDirectory(k8s)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(k8s)) {
      return versions
          .filter(
              v ->
                  Stream.of("kube-apiserver", "etcd", "kubectl")
                      .allMatch(b -> Files.isExecutable(v.resolve(b))))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * A kubeconfig for the cluster administrator (a client certificate in {@code system:masters}).
   */
  public String adminKubeconfig() {
    return new KubeConfig(certs, binaries).generateKubeConfigYaml(front.port());
  }

  /** The API server's URL (stable across restarts). */
  public String url() {
    return "https://127.0.0.1:" + front.port();
  }

  /** The CA that signed the API server's serving certificate. */
  public Path caCertificate() {
    return Path.of(certs.getAPIServerCertPath());
  }

  public Path kubectl() {
    return binaries.binaries().getKubectl().toPath();
  }

  /** Stops the API server and starts a new one on the same etcd; returns once it is ready. */
  public void restartApiServer() {
    stopApiServer();
    startAgain();
  }

  /** Stops the API server (etcd keeps running): clients see their connections cut and refused. */
  public void stopApiServer() {
    apiServer.stopApiServer();
    front.cutAll();
  }

  /** Starts the API server again after {@link #stopApiServer()}. */
  public void startAgain() {
    front.retarget(startApiServer());
  }

  /** The audit log's events so far (one JSON object per request, at the ResponseComplete stage). */
  public List<JsonNode> auditEvents() {
    List<JsonNode> events = new ArrayList<>();
    if (!Files.exists(auditLog)) {
      return events;
    }
    try (Stream<String> lines = Files.lines(auditLog)) {
      lines
          .filter(l -> !l.isBlank())
          .forEach(
              l -> {
                try {
                  events.add(JSON.readTree(l));
                } catch (IOException e) {
                  // a line being written right now: skipped
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return events;
  }

  /** The process IDs of the API server and etcd, children of this JVM. */
  public Optional<Long> pid(String binary) {
    return ProcessHandle.current()
        .children()
        .filter(p -> p.info().command().map(c -> c.endsWith("/" + binary)).orElse(false))
        .map(ProcessHandle::pid)
        .findFirst();
  }

  @Override
  public void close() {
    front.close();
    if (apiServer != null) {
      apiServer.stopApiServer();
    }
    etcd.stopEtcd();
    etcd.cleanEtcdData();
  }

  @Override
  public void processStopped(Process process) {
    LOG.error("a control plane process exited unexpectedly with {}", process.exitValue());
  }

  private int startApiServer() {
    apiServer = new KubeAPIServerProcess(certs, binaries, this, config);
    int port = apiServer.startApiServer(etcdPort);
    apiServer.waitUntilReady();
    return port;
  }

  /** Where kube-api-test keeps its certificates and binaries. */
  public Path dir() {
    return dir;
  }
}
