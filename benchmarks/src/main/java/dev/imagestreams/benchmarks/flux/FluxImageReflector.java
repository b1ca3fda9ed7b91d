package dev.imagestreams.benchmarks.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Flux's image-reflector-controller with one {@code ImageRepository} per reference: as shipped (its
 * defaults: 4 concurrent reconciles, Badger tag database, 50 API requests per second), with leader
 * election off, every namespace watched, its database in the work directory and its metrics and
 * health endpoints on free loopback ports.
 */
final class FluxImageReflector implements Contender {
  private static final ResourceDefinitionContext IMAGE_REPOSITORIES =
      new ResourceDefinitionContext.Builder()
          .withGroup("image.toolkit.fluxcd.io")
          .withVersion("v1")
          .withPlural("imagerepositories")
          .withKind("ImageRepository")
          .withNamespaced(true)
          .build();

  private final FluxBuild build;

  FluxImageReflector(FluxBuild build) {
    this.build = build;
  }

  @Override
  public String title() {
    return "Flux image-reflector-controller " + build.version();
  }

  @Override
  public String whatItDoes() {
    return "lists every tag of the repository (`GET /v2/<repo>/tags/list`), stores them in its"
        + " database and writes status (scan time, tag count, latest tags, conditions) every scan";
  }

  @Override
  public String configuration() {
    return "its defaults; ImageRepository `interval` as below, `insecure: true`";
  }

  @Override
  public ResourceDefinitionContext kind() {
    return IMAGE_REPOSITORIES;
  }

  @Override
  public void install(KubernetesClient admin) throws IOException {
    for (Path file : build.crds()) {
      try (InputStream in = Files.newInputStream(file)) {
        CustomResourceDefinition crd =
            admin.apiextensions().v1().customResourceDefinitions().load(in).item();
        Crds.createAndAwaitEstablished(admin, crd);
      }
    }
  }

  @Override
  public GenericKubernetesResource object(
      String namespace,
      String name,
      String host,
      String repository,
      String tag,
      Duration interval) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("image.toolkit.fluxcd.io/v1")
        .withKind("ImageRepository")
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withAdditionalProperties(
            Map.of(
                "spec",
                Map.of(
                    "image",
                    host + "/" + repository,
                    "interval",
                    interval.toSeconds() + "s",
                    "insecure",
                    true)))
        .build();
  }

  @Override
  public boolean isReady(GenericKubernetesResource object) {
    return Contender.readyConditionTrue(object);
  }

  @Override
  public Process start(Path kubeconfig, Path workDir) throws IOException {
    Path storage = Files.createDirectories(workDir.resolve("flux-data"));
    ProcessBuilder process =
        new ProcessBuilder(
                List.of(
                    build.binary().toString(),
                    "--enable-leader-election=false",
                    "--watch-all-namespaces=true",
                    "--storage-path=" + storage,
                    "--metrics-addr=127.0.0.1:" + FreePort.find(),
                    "--health-addr=127.0.0.1:" + FreePort.find()))
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("image-reflector-controller.log").toFile());
    process.environment().clear();
    process.environment().put("KUBECONFIG", kubeconfig.toString());
    process.environment().put("HOME", workDir.toString());
    return process.start();
  }
}
