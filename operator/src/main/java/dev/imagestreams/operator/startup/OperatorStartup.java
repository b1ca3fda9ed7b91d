package dev.imagestreams.operator.startup;

import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.operator.config.InvalidConfigException;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the operator, or says precisely why it cannot ({@link StartupFailures}): first the {@link
 * Preflight} requests (API server, credentials, RBAC of the configuration ConfigMap), the CRD when
 * asked to install it, the ImageStream list (the CRD is served and may be listed), then the
 * configuration and the operator itself.
 */
public final class OperatorStartup {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorStartup.class);
  private static final String BUNDLED_CRD = "/META-INF/fabric8/" + StartupFailures.CRD + "-v1.yml";

  private OperatorStartup() {}

  /**
   * Checks the cluster, builds the operator and starts it.
   *
   * @param settings how to run
   * @param target the API server and where its configuration came from, for messages
   * @param installCrd apply the bundled CRD first (development clusters)
   * @return the running operator
   * @throws StartupException saying what is wrong; nothing is left running
   */
  public static ImageStreamOperator start(ImageStreamOperator.Settings settings, ApiServerTarget target, boolean installCrd)
      throws StartupException {
    try {
      try (Preflight preflight = new Preflight(settings.client().getConfiguration())) {
        preflight.readConfiguration(settings.operatorNamespace(), settings.configMapName());
        if (installCrd) {
          installCrd(settings.client());
        }
        preflight.listImageStreams(settings.watchNamespaces());
      }
      ImageStreamOperator operator = new ImageStreamOperator(settings);
      try {
        operator.start();
      } catch (RuntimeException e) {
        operator.close();
        throw e;
      }
      return operator;
    } catch (InvalidConfigException | RuntimeException e) {
      throw new StartupException(StartupFailures.classify(e, target), e);
    }
  }

  /** Applies the ImageStream CRD bundled in the api jar (server-side apply) and waits until it is served. */
  static void installCrd(KubernetesClient client) {
    try (InputStream in = OperatorStartup.class.getResourceAsStream(BUNDLED_CRD)) {
      if (in == null) {
        throw new IllegalStateException("the ImageStream CRD is missing from the classpath");
      }
      var crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
      var crds = client.apiextensions().v1().customResourceDefinitions();
      crds.resource(crd).forceConflicts().serverSideApply();
      crds.withName(crd.getMetadata().getName()).waitUntilCondition(OperatorStartup::established, 60, TimeUnit.SECONDS);
      LOG.info("applied CRD {}", crd.getMetadata().getName());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
