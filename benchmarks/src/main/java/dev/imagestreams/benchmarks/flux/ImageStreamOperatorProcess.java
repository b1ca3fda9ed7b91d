package dev.imagestreams.benchmarks.flux;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * This operator ({@code OperatorMain}) as its own JVM with one {@code ImageStream} per reference,
 * each with one scheduled {@code DockerImage} tag marked insecure: configured as deploy/ ships it
 * (the ConfigMap's document, the container's {@code JAVA_TOOL_OPTIONS}, its memory limit given to
 * the JVM as {@code -XX:MaxRAM} so the heap is sized as in the container), but without leader
 * election and with the CRD installed beforehand.
 */
final class ImageStreamOperatorProcess implements Contender {
  static final String NAMESPACE = "imagestream-operator";
  static final String CONFIG_MAP = "imagestream-operator-config";
  private static final ResourceDefinitionContext IMAGE_STREAMS =
      new ResourceDefinitionContext.Builder()
          .withGroup("image.openshift.io")
          .withVersion("v1")
          .withPlural("imagestreams")
          .withKind("ImageStream")
          .withNamespaced(true)
          .build();

  private final OperatorDeployment deployment;

  ImageStreamOperatorProcess(OperatorDeployment deployment) {
    this.deployment = deployment;
  }

  @Override
  public String title() {
    return "this operator, " + deployment.source();
  }

  @Override
  public String whatItDoes() {
    return "checks the one tag's digest (`HEAD /v2/<repo>/manifests/<tag>`) and writes nothing"
        + " when it is unchanged";
  }

  @Override
  public String configuration() {
    return deployment.source()
        + ": `"
        + deployment.limits()
        + "`; JVM `"
        + deployment.javaToolOptions()
        + " -XX:MaxRAM="
        + deployment.memoryLimitBytes() / (1024 * 1024)
        + "m`";
  }

  @Override
  public ResourceDefinitionContext kind() {
    return IMAGE_STREAMS;
  }

  @Override
  public void install(KubernetesClient admin) throws IOException {
    try (InputStream in =
        getClass()
            .getResourceAsStream("/META-INF/fabric8/imagestreams.image.openshift.io-v1.yml")) {
      if (in == null) {
        throw new IllegalStateException("the ImageStream CRD is not on the classpath");
      }
      CustomResourceDefinition crd =
          admin.apiextensions().v1().customResourceDefinitions().load(in).item();
      Crds.createAndAwaitEstablished(admin, crd);
    }
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    admin
        .configMaps()
        .inNamespace(NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(CONFIG_MAP)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .addToData("config.yaml", deployment.document())
                .build())
        .create();
  }

  @Override
  public GenericKubernetesResource object(
      String namespace,
      String name,
      String host,
      String repository,
      String tag,
      Duration interval) {
    Map<String, Object> tagReference =
        Map.of(
            "name",
            tag,
            "from",
            Map.of("kind", "DockerImage", "name", host + "/" + repository + ":" + tag),
            "importPolicy",
            Map.of("scheduled", true, "insecure", true));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("image.openshift.io/v1")
        .withKind("ImageStream")
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", Map.of("tags", List.of(tagReference))))
        .build();
  }

  /** Ready, and the tag has an image in its history. */
  @Override
  @SuppressWarnings("unchecked")
  public boolean isReady(GenericKubernetesResource object) {
    if (!Contender.readyConditionTrue(object)) {
      return false;
    }
    Map<String, Object> status =
        (Map<String, Object>) object.getAdditionalProperties().get("status");
    if (!(status.get("tags") instanceof List<?> tags) || tags.isEmpty()) {
      return false;
    }
    return tags.stream()
        .allMatch(
            t ->
                ((Map<String, Object>) t).get("items") instanceof List<?> items
                    && !items.isEmpty());
  }

  @Override
  public Process start(Path kubeconfig, Path workDir) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    if (deployment.memoryLimitBytes() > 0) {
      command.add("-XX:MaxRAM=" + deployment.memoryLimitBytes());
    }
    command.addAll(List.of("-cp", operatorClasspath(), "dev.imagestreams.operator.OperatorMain"));
    ProcessBuilder process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("imagestream-operator.log").toFile());
    Map<String, String> env = process.environment();
    env.clear();
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("HOME", workDir.toString());
    env.put("OPERATOR_NAMESPACE", NAMESPACE);
    env.put("METRICS_PORT", Integer.toString(FreePort.find()));
    env.put("JAVA_TOOL_OPTIONS", deployment.javaToolOptions());
    return process.start();
  }

  /**
   * The benchmarks' classpath without the benchmarks' own classes, so that the operator logs with
   * its own logging configuration.
   */
  private static String operatorClasspath() {
    try {
      Path own =
          Path.of(
              ImageStreamOperatorProcess.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      return String.join(
          File.pathSeparator,
          Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
              .filter(entry -> !Path.of(entry).toAbsolutePath().equals(own.toAbsolutePath()))
              .toList());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
