package dev.imagestreams.benchmarks;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamSpec;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.ImportConfigParser;
import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.operator.OperatorSettings;
import dev.imagestreams.testinfra.registry.DistributionRegistry;
import dev.imagestreams.testinfra.registry.ImagePusher;
import dev.imagestreams.testinfra.registry.TestImages;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Bytes per stream as stored by the real API server, for realistic images ({@link
 * TestImages#pythonLike}: a dozen environment entries, 20 labels, 10 layers): one stream of five
 * tags, first with one history item per tag, then with a full history ({@code historyLimit}, 10
 * items per tag), each with the full image records ({@code statusImageMetadata: Full}, what every
 * status held before the summary) and with the summaries (the default). The operator rewrites the
 * records when the configuration changes, so both come from one run.
 */
public final class StatusSizeBenchmark {
  static final int TAGS = 5;
  static final int HISTORY = 10;
  static final String NAMESPACE = "sizes";

  public static void main(String[] args) throws Exception {
    StringBuilder report = new StringBuilder();
    try (DistributionRegistry registry = DistributionRegistry.anonymous().start();
        ApiServerUnderTest server = ApiServerUnderTest.real()) {
      KubernetesClient client = new KubernetesClientBuilder().withConfig(server.config()).build();
      ScaleBenchmark.installCrd(client);
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
      ImagePusher pusher = new ImagePusher(registry.baseUri());
      push(pusher, 0);
      ImageStreamOperator operator =
          new ImageStreamOperator(
              OperatorSettings.of(client, "imagestream-operator")
                  .withFixedConfig(config(registry.host(), "Full")));
      operator.start();
      try {
        create(client, "fresh", registry.host());
        await(client, "fresh", s -> items(s) == TAGS && images(s) == TAGS);
        StoredStream freshFull = StoredStream.read(client, NAMESPACE, "fresh");

        create(client, "history", registry.host());
        await(client, "history", s -> items(s) == TAGS);
        for (int revision = 1; revision < HISTORY; revision++) {
          push(pusher, revision);
          int expected = TAGS * (revision + 1);
          requestImport(client, "history", revision);
          await(client, "history", s -> items(s) == expected);
        }
        StoredStream historyFull = StoredStream.read(client, NAMESPACE, "history");

        operator.apply(config(registry.host(), "Summary"));
        await(client, "fresh", StatusSizeBenchmark::summarised);
        await(client, "history", StatusSizeBenchmark::summarised);
        StoredStream freshSummary = StoredStream.read(client, NAMESPACE, "fresh");
        StoredStream historySummary = StoredStream.read(client, NAMESPACE, "history");

        report
            .append("## Bytes per stream: 5 tags of python-like images, as stored\n\n")
            .append(StoredStream.header())
            .append('\n')
            .append(freshFull.row("1 item per tag, full records (before)"))
            .append('\n')
            .append(freshSummary.row("1 item per tag, summaries (default)"))
            .append('\n')
            .append(historyFull.row("10 items per tag, full records (before)"))
            .append('\n')
            .append(historySummary.row("10 items per tag, summaries (default)"))
            .append("\n\n")
            .append(
                String.format(
                    java.util.Locale.ROOT,
                    "smaller by: %.1fx with 1 item per tag, %.1fx with 10 items per tag%n",
                    (double) freshFull.total() / freshSummary.total(),
                    (double) historyFull.total() / historySummary.total()));
      } finally {
        operator.close();
        client.close();
      }
    }
    System.out.println(report);
    Path out = Path.of("target", "status-size.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.exit(0);
  }

  static ImportConfig config(String registryHost, String level) throws Exception {
    return new ImportConfigParser(n -> Optional.empty())
        .parse(
            "registrySources:\n  insecureRegistries: [\""
                + registryHost
                + "\"]\nstatusImageMetadata: "
                + level
                + "\n");
  }

  /** Pushes one revision of every tag: each tag's image differs from the others'. */
  static void push(ImagePusher pusher, int revision) {
    for (int t = 0; t < TAGS; t++) {
      pusher.push("runtime/python", "t" + t, TestImages.pythonLike(revision * TAGS + t));
    }
  }

  static void create(KubernetesClient client, String name, String registryHost) {
    List<TagReference> tags = new ArrayList<>();
    for (int t = 0; t < TAGS; t++) {
      tags.add(
          new TagReference(
              "t" + t,
              null,
              TagSource.of("DockerImage", registryHost + "/runtime/python:t" + t, null),
              null,
              null,
              null,
              null));
    }
    ImageStream stream = new ImageStream();
    stream.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName(name).build());
    stream.setSpec(new ImageStreamSpec(null, null, tags));
    client.resource(stream).create();
  }

  static void requestImport(KubernetesClient client, String name, int revision) {
    client
        .resources(ImageStream.class)
        .inNamespace(NAMESPACE)
        .withName(name)
        .edit(
            s -> {
              s.getMetadata()
                  .setAnnotations(
                      Map.of("imagestreams.dev/import-requested-at", "revision-" + revision));
              return s;
            });
  }

  static int items(ImageStreamStatus s) {
    return s.tagList().stream().mapToInt(t -> t.itemList().size()).sum();
  }

  static int images(ImageStreamStatus s) {
    return s.imageList().size();
  }

  static boolean summarised(ImageStreamStatus s) {
    return !s.imageList().isEmpty()
        && s.imageList().stream().allMatch(i -> Boolean.TRUE.equals(i.metadataTruncated()));
  }

  static void await(KubernetesClient client, String name, Predicate<ImageStreamStatus> done)
      throws InterruptedException {
    ScaleBenchmark.await(
        () -> {
          ImageStream s =
              client.resources(ImageStream.class).inNamespace(NAMESPACE).withName(name).get();
          return s != null && s.getStatus() != null && done.test(s.getStatus());
        },
        Duration.ofMinutes(2));
  }
}
