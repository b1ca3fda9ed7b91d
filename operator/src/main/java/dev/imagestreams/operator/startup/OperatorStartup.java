package dev.imagestreams.operator.startup;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.InvalidConfigException;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the operator, or says precisely why it cannot ({@link StartupFailures}): first the {@link
 * Preflight} requests (API server, credentials, RBAC of the configuration ConfigMap), the CRD when
 * asked to install it, the ImageStream list (the CRD is served and may be listed), the
 * configuration, every other permission the operator uses with it, then the operator itself.
 */
public final class OperatorStartup {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorStartup.class);
  private static final String BUNDLED_CRD = "/META-INF/fabric8/" + StartupFailures.CRD + "-v1.yml";

  private OperatorStartup() {}

  /** What startup builds and starts once the cluster checks passed: the operator. */
  public interface Startable extends AutoCloseable {
    /** Starts it; on failure startup closes it. */
    void start();

    @Override
    void close();
  }

  /** Builds the operator from the configuration read. */
  @FunctionalInterface
  public interface Assembly<T extends Startable> {
    T build(ImportConfig config) throws InvalidConfigException;
  }

  /** Reads the cluster configuration. */
  @FunctionalInterface
  public interface ConfigReader {
    ImportConfig read() throws InvalidConfigException;
  }

  /**
   * Where the operator runs: the client, its namespace and configuration ConfigMap, the namespaces
   * watched (empty: all), how its configuration is read (which decides, among other things, whether
   * the trigger controller and its permissions are needed), and the image lookup webhook's
   * MutatingWebhookConfiguration and built-in Secret (null when the webhook does not run, or its
   * certificate is mounted).
   */
  public record Cluster(
      KubernetesClient client,
      String operatorNamespace,
      String configMapName,
      Set<String> watchNamespaces,
      boolean leaderElection,
      ConfigReader config,
      String webhookConfiguration,
      String webhookSecret) {}

  /**
   * Checks the cluster, builds the operator and starts it.
   *
   * @param cluster where the operator runs
   * @param operator builds the operator (not started)
   * @param target the API server and where its configuration came from, for messages
   * @param installCrd apply the bundled CRD first (development clusters)
   * @return the running operator
   * @throws StartupException saying what is wrong; nothing is left running
   */
  public static <T extends Startable> T start(
      Cluster cluster, Assembly<T> operator, ApiServerTarget target, boolean installCrd)
      throws StartupException {
    try {
      ImportConfig config;
      try (Preflight preflight = new Preflight(cluster.client().getConfiguration())) {
        preflight.readConfiguration(cluster.operatorNamespace(), cluster.configMapName());
        if (installCrd) {
          installCrd(cluster.client());
        }
        preflight.listImageStreams(cluster.watchNamespaces());
        config = cluster.config().read();
        preflight.checkPermissions(
            Permissions.required(
                cluster.watchNamespaces(),
                cluster.operatorNamespace(),
                cluster.leaderElection(),
                config.imageChangeTriggers().enabled(),
                cluster.webhookConfiguration() == null
                    ? null
                    : new Permissions.Webhook(
                        cluster.webhookConfiguration(), cluster.webhookSecret())));
      }
      T started = operator.build(config);
      try {
        started.start();
      } catch (RuntimeException e) {
        started.close();
        throw e;
      }
      return started;
    } catch (InvalidConfigException | RuntimeException e) {
      throw new StartupException(StartupFailures.classify(e, target), e);
    }
  }

  /**
   * Applies the ImageStream CRD bundled in the api jar (server-side apply) and waits until it is
   * served.
   */
  static void installCrd(KubernetesClient client) {
    try (InputStream in = OperatorStartup.class.getResourceAsStream(BUNDLED_CRD)) {
      if (in == null) {
        throw new IllegalStateException("the ImageStream CRD is missing from the classpath");
      }
      var crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
      var crds = client.apiextensions().v1().customResourceDefinitions();
      crds.resource(crd).forceConflicts().serverSideApply();
      crds.withName(crd.getMetadata().getName())
          .waitUntilCondition(OperatorStartup::established, 60, TimeUnit.SECONDS);
      LOG.info("applied CRD {}", crd.getMetadata().getName());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
