package dev.imagestreams.benchmarks.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A tool under test: what objects it watches, how it is installed and started. */
interface Contender {
  /** The report's column title. */
  String title();

  /** What it does for the user in each cycle, per object. */
  String whatItDoes();

  /** How it was configured, for the report. */
  String configuration();

  /** The kind of object it reconciles. */
  ResourceDefinitionContext kind();

  /** Installs what it needs before its objects can be created: CRDs, configuration. */
  void install(KubernetesClient admin) throws IOException;

  /**
   * One object that tracks {@code host/repository:tag} at the interval, on a plain-HTTP registry.
   */
  GenericKubernetesResource object(
      String namespace, String name, String host, String repository, String tag, Duration interval);

  /** Whether the object has been reconciled: imported or scanned, and ready. */
  boolean isReady(GenericKubernetesResource object);

  /**
   * Starts the tool as its own process against the cluster of the kubeconfig; its output goes to a
   * file in the work directory.
   */
  Process start(Path kubeconfig, Path workDir) throws IOException;

  /** Whether a kstatus-style condition list of the object has {@code Ready=True}. */
  @SuppressWarnings("unchecked")
  static boolean readyConditionTrue(GenericKubernetesResource object) {
    Object status = object.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> map) || !(map.get("conditions") instanceof List<?> list)) {
      return false;
    }
    return list.stream()
        .map(c -> (Map<String, Object>) c)
        .anyMatch(c -> "Ready".equals(c.get("type")) && "True".equals(c.get("status")));
  }
}
