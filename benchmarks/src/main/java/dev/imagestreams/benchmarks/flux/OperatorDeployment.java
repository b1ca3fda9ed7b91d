package dev.imagestreams.benchmarks.flux;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the operator is shipped, read from deploy/ rather than restated here (the defaults change on
 * other branches): the cluster configuration of {@code deploy/config.yaml} (or another file), and
 * the JVM options and memory limit of {@code deploy/deployment.yaml}.
 *
 * @param source where the configuration came from, for the report
 * @param config the configuration document ({@code config.yaml} of the ConfigMap), as a tree
 * @param javaToolOptions the container's {@code JAVA_TOOL_OPTIONS}
 * @param memoryLimitBytes the container's memory limit, which sizes the heap in a container
 */
record OperatorDeployment(
    String source, Map<String, Object> config, String javaToolOptions, long memoryLimitBytes) {

  /** The shipped configuration, or the one of {@code override}. */
  static OperatorDeployment read(Path repository, Optional<Path> override) {
    Path deploy = repository.resolve("deploy");
    Path configFile = override.orElse(deploy.resolve("config.yaml"));
    Deployment deployment = Serialization.unmarshal(read(deploy.resolve("deployment.yaml")));
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    String javaToolOptions =
        container.getEnv().stream()
            .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
            .map(EnvVar::getValue)
            .findFirst()
            .orElse("");
    long memoryLimit =
        Optional.ofNullable(container.getResources().getLimits())
            .map(l -> l.get("memory"))
            .map(q -> Quantity.getAmountInBytes(q).longValueExact())
            .orElse(0L);
    String source =
        override.isPresent()
            ? configFile.getFileName().toString()
            : repository.relativize(configFile).toString();
    return new OperatorDeployment(source, configDocument(configFile), javaToolOptions, memoryLimit);
  }

  /**
   * The configuration with the cluster-wide scheduled interval set: both tools scan at the same
   * interval.
   */
  @SuppressWarnings("unchecked")
  OperatorDeployment withInterval(Duration interval) {
    Map<String, Object> copy = Serialization.unmarshal(Serialization.asJson(config), Map.class);
    Map<String, Object> imageImport =
        (Map<String, Object>) copy.computeIfAbsent("imageImport", k -> new LinkedHashMap<>());
    imageImport.put("scheduledImageImportMinimumIntervalSeconds", interval.toSeconds());
    return new OperatorDeployment(source, copy, javaToolOptions, memoryLimitBytes);
  }

  /** The document for the ConfigMap's {@code config.yaml} (JSON is YAML). */
  String document() {
    return Serialization.asJson(config);
  }

  /** The settings that bound scheduled checks: {@code imageImport} and {@code registryLimits}. */
  String limits() {
    Map<String, Object> limits = new LinkedHashMap<>();
    limits.put("imageImport", config.get("imageImport"));
    limits.put("registryLimits", config.get("registryLimits"));
    return Serialization.asJson(limits).replace("\"", "");
  }

  /**
   * A file holding the ConfigMap manifest or the document itself: a ConfigMap's {@code config.yaml}
   * key.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> configDocument(Path file) {
    String text = read(file);
    Map<String, Object> yaml = Serialization.unmarshal(text, Map.class);
    if (yaml != null && "ConfigMap".equals(yaml.get("kind"))) {
      ConfigMap map = Serialization.unmarshal(text, ConfigMap.class);
      String document = map.getData() == null ? null : map.getData().get("config.yaml");
      if (document == null) {
        throw new IllegalArgumentException(file + ": the ConfigMap has no key config.yaml");
      }
      yaml = Serialization.unmarshal(document, Map.class);
    }
    return yaml == null ? new LinkedHashMap<>() : yaml;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " (set -Dbench.repository)", e);
    }
  }
}
