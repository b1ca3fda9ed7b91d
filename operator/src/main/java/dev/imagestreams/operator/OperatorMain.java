package dev.imagestreams.operator;

import dev.imagestreams.operator.config.ConfigSource;
import dev.imagestreams.operator.metrics.MetricsServer;
import dev.imagestreams.operator.startup.ApiServerTarget;
import dev.imagestreams.operator.startup.KubeconfigLocation;
import dev.imagestreams.operator.startup.LoggingSettings;
import dev.imagestreams.operator.startup.StartupException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the operator against the cluster of the current kubeconfig or service account.
 *
 * <p>Environment: {@code OPERATOR_NAMESPACE} (where the configuration ConfigMap lives; default: the
 * service account's namespace, else {@code imagestream-operator}), {@code CONFIG_MAP_NAME} (default
 * {@code imagestream-operator-config}), {@code WATCH_NAMESPACES} (comma-separated; default all),
 * {@code METRICS_PORT} (default 8080), {@code INSTALL_CRDS} ({@code true} applies the bundled CRD
 * at start, for development clusters; needs permission to manage CRDs).
 */
public final class OperatorMain {
  private static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  private OperatorMain() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> env = System.getenv();
    // before the first logger: the logging library reads LOG_FORMAT and LOG_LEVEL when it starts
    Optional<String> logging = LoggingSettings.problem(env);
    if (logging.isPresent()) {
      System.err.println("not starting: " + logging.get());
      System.exit(2);
      return;
    }
    Logger log = LoggerFactory.getLogger(OperatorMain.class);
    String namespace = env.getOrDefault("OPERATOR_NAMESPACE", defaultNamespace());
    Set<String> watch =
        Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    int port = Integer.parseInt(env.getOrDefault("METRICS_PORT", "8080"));
    String configMap = env.getOrDefault("CONFIG_MAP_NAME", ConfigSource.DEFAULT_NAME);

    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmGcMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);

    KubernetesClient client = null;
    ImageStreamOperator operator;
    try {
      String origin =
          KubeconfigLocation.origin(env, Path.of(System.getProperty("user.home")), Files::exists);
      client = new KubernetesClientBuilder().build();
      operator =
          ImageStreamOperator.checkAndStart(
              withLeaderElection(env, OperatorSettings.of(client, namespace))
                  .withConfigMapName(configMap)
                  .withWatchNamespaces(watch)
                  .withMeterRegistry(meters),
              new ApiServerTarget(client.getConfiguration().getMasterUrl(), origin),
              Boolean.parseBoolean(env.getOrDefault("INSTALL_CRDS", "false")));
    } catch (StartupException e) {
      log.error("not starting: {}", e.getMessage());
      if (client != null) {
        client.close();
      }
      System.exit(e.problem().exitCode());
      return;
    }
    KubernetesClient started = client;
    MetricsServer server = new MetricsServer(port, meters, operator::liveness, operator::readiness);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.close();
                  server.close();
                  started.close();
                },
                "shutdown"));
    log.info(
        "imagestream-operator {} started; configuration from ConfigMap {}/{}; metrics on :{}",
        ImageStreamOperator.version(),
        namespace,
        configMap,
        server.port());
  }

  /**
   * {@code LEADER_ELECTION=true} elects a leader through the Lease {@code LEADER_ELECTION_LEASE}
   * (default {@value LeaderElection#DEFAULT_LEASE_NAME}) of the operator's namespace; the identity
   * is {@code POD_NAME}, else the host name.
   */
  static OperatorSettings withLeaderElection(Map<String, String> env, OperatorSettings settings) {
    if (!Boolean.parseBoolean(env.getOrDefault("LEADER_ELECTION", "false"))) {
      return settings;
    }
    String identity =
        env.getOrDefault(
            "POD_NAME",
            env.getOrDefault("HOSTNAME", "imagestream-operator-" + ProcessHandle.current().pid()));
    LeaderElection election = LeaderElection.of(identity);
    String lease = env.get("LEADER_ELECTION_LEASE");
    if (lease != null && !lease.isBlank()) {
      election =
          new LeaderElection(
              lease,
              identity,
              election.leaseDuration(),
              election.renewDeadline(),
              election.retryPeriod(),
              true);
    }
    return settings.withLeaderElection(election);
  }

  private static String defaultNamespace() {
    try {
      return Files.readString(SERVICE_ACCOUNT_NAMESPACE).trim();
    } catch (IOException e) {
      return "imagestream-operator";
    }
  }
}
