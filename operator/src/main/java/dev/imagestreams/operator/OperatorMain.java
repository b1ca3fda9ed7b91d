package dev.imagestreams.operator;

import dev.imagestreams.operator.config.ConfigSource;
import dev.imagestreams.operator.config.InvalidConfigException;
import dev.imagestreams.operator.metrics.MetricsServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);
  private static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  private OperatorMain() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> env = System.getenv();
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

    KubernetesClient client = new KubernetesClientBuilder().build();
    ImageStreamOperator operator;
    try {
      if (Boolean.parseBoolean(env.getOrDefault("INSTALL_CRDS", "false"))) {
        installCrd(client);
      }
      operator =
          new ImageStreamOperator(
              ImageStreamOperator.Settings.of(client, namespace)
                  .withConfigMapName(configMap)
                  .withWatchNamespaces(watch)
                  .withMeterRegistry(meters));
    } catch (InvalidConfigException e) {
      LOG.error("invalid configuration, not starting: {}", e.getMessage());
      System.exit(2);
      return;
    } catch (KubernetesClientException e) {
      LOG.error("cannot reach the Kubernetes API server at {} ({}): set KUBECONFIG or run in a cluster",
          client.getConfiguration().getMasterUrl(), rootCause(e));
      System.exit(3);
      return;
    }
    MetricsServer server = new MetricsServer(port, meters, () -> true);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      server.close();
      client.close();
    }, "shutdown"));
    operator.start();
    LOG.info("imagestream-operator {} started; configuration from ConfigMap {}/{}; metrics on :{}",
        ImageStreamOperator.version(), namespace, configMap, server.port());
  }

  /** Applies the ImageStream CRD bundled in the api jar (server-side apply). */
  static void installCrd(KubernetesClient client) throws IOException {
    try (var in = OperatorMain.class.getResourceAsStream("/META-INF/fabric8/imagestreams.image.openshift.io-v1.yml")) {
      if (in == null) {
        throw new IllegalStateException("the ImageStream CRD is missing from the classpath");
      }
      var crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
      client.apiextensions().v1().customResourceDefinitions().resource(crd).forceConflicts().serverSideApply();
      LOG.info("applied CRD {}", crd.getMetadata().getName());
    }
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private static String defaultNamespace() {
    try {
      return Files.readString(SERVICE_ACCOUNT_NAMESPACE).trim();
    } catch (IOException e) {
      return "imagestream-operator";
    }
  }
}
