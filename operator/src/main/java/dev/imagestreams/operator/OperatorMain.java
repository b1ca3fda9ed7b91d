package dev.imagestreams.operator;

import dev.imagestreams.operator.config.ProcessSettings;
import dev.imagestreams.operator.metrics.MetricsServer;
import dev.imagestreams.operator.startup.ApiServerTarget;
import dev.imagestreams.operator.startup.KubeconfigLocation;
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
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the operator against the cluster of the current kubeconfig or service account, configured by
 * its environment ({@link ProcessSettings}) and its ConfigMap.
 */
public final class OperatorMain {
  private static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  private OperatorMain() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> env = System.getenv();
    ProcessSettings process;
    try {
      // before the first logger: the logging library reads LOG_FORMAT and LOG_LEVEL when it starts
      process = ProcessSettings.from(env, serviceAccountNamespace());
    } catch (ProcessSettings.InvalidSettingException e) {
      System.err.println("not starting: " + e.getMessage());
      System.exit(2);
      return;
    }
    Logger log = LoggerFactory.getLogger(OperatorMain.class);
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
              settings(process, client).withMeterRegistry(meters),
              new ApiServerTarget(client.getConfiguration().getMasterUrl(), origin),
              process.installCrds());
    } catch (StartupException e) {
      log.error("not starting: {}", e.getMessage());
      if (client != null) {
        client.close();
      }
      System.exit(e.problem().exitCode());
      return;
    }
    KubernetesClient started = client;
    MetricsServer server =
        new MetricsServer(process.metricsPort(), meters, operator::liveness, operator::readiness);
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
        process.operatorNamespace(),
        process.configMapName(),
        server.port());
  }

  /** How the operator runs, from the process's settings. */
  static OperatorSettings settings(ProcessSettings process, KubernetesClient client) {
    OperatorSettings settings =
        OperatorSettings.of(client, process.operatorNamespace())
            .withConfigMapName(process.configMapName())
            .withWatchNamespaces(process.watchedNamespaces());
    if (process.webhook().isPresent()) {
      settings = settings.withWebhook(process.webhook().get());
    }
    if (!process.leaderElection()) {
      return settings;
    }
    return settings.withLeaderElection(
        LeaderElection.of(process.leaderElectionLease(), process.identity()));
  }

  private static String serviceAccountNamespace() {
    try {
      return Files.readString(SERVICE_ACCOUNT_NAMESPACE).trim();
    } catch (IOException e) {
      return null;
    }
  }
}
