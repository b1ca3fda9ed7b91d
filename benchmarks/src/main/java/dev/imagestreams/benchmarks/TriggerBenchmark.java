package dev.imagestreams.benchmarks;

import static dev.imagestreams.benchmarks.ScaleBenchmark.await;
import static dev.imagestreams.benchmarks.ScaleBenchmark.installCrd;
import static dev.imagestreams.benchmarks.ScaleBenchmark.log;
import static dev.imagestreams.benchmarks.ScaleBenchmark.seconds;
import static dev.imagestreams.benchmarks.ScaleBenchmark.usedHeapAfterGc;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamSpec;
import dev.imagestreams.api.v1.TagImportPolicy;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.ImportConfigParser;
import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.operator.OperatorSettings;
import dev.imagestreams.testinfra.registry.DistributionRegistry;
import dev.imagestreams.testinfra.registry.ImagePusher;
import dev.imagestreams.testinfra.registry.Platform;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * Image change triggers at scale on a real kube-apiserver and etcd (built by test-infra/build.sh):
 * 10,000 Deployments in 100 namespaces, of which 1,000 follow 100 stream tags (10 each), through
 * the real operator. Measures the operator's heap with the trigger controller off and on, the time
 * from a tag's status change to all of its workloads written, the API writes per tag change, and
 * that unchanged schedule cycles and a restart write no workload. The sizes are {@code
 * -Ddeployments}, {@code -Dtriggered} and {@code -Dtags}.
 */
public final class TriggerBenchmark {
  static final int DEPLOYMENTS = Integer.getInteger("deployments", 10_000);
  static final int TRIGGERED = Integer.getInteger("triggered", 1_000);
  static final int TAGS = Integer.getInteger("tags", 100);
  static final int INTERVAL_SECONDS = 5;

  /** The operator's API requests, counted by kind. */
  static final class Tally implements Interceptor {
    final LongAdder workloadWrites = new LongAdder();
    final LongAdder streamWrites = new LongAdder();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
      if (request.method().equals("GET")) {
        return;
      }
      String path = request.uri().getPath();
      if (path.contains("/deployments/")) {
        workloadWrites.increment();
      } else if (path.contains("/imagestreams/")) {
        streamWrites.increment();
      }
    }
  }

  public static void main(String[] args) throws Exception {
    List<String> report = new ArrayList<>();
    try (DistributionRegistry registry = DistributionRegistry.anonymous().start();
        ApiServerUnderTest server = ApiServerUnderTest.real()) {
      long t0 = System.nanoTime();
      for (int i = 0; i < TAGS; i++) {
        new ImagePusher(registry.baseUri())
            .pushOciImage("bench/app" + i, "v", Platform.LINUX_AMD64, i);
      }
      log("pushed %d images in %.1f s", TAGS, seconds(t0));
      Config config = server.config();
      KubernetesClient test = new KubernetesClientBuilder().withConfig(config).build();
      installCrd(test);
      t0 = System.nanoTime();
      createStreams(test, registry.host());
      createDeployments(test);
      log("created %d streams and %d Deployments in %.1f s", TAGS, DEPLOYMENTS, seconds(t0));

      // the operator without the trigger controller: streams imported, heap measured
      Tally off = new Tally();
      ImageStreamOperator without = start(config, registry.host(), false, off);
      await(() -> off.streamWrites.sum() >= TAGS, java.time.Duration.ofMinutes(10));
      await(() -> without.eventsPending() == 0, java.time.Duration.ofMinutes(10));
      long heapWithout = usedHeapAfterGc();
      log("operator without triggers: streams imported, heap %d MiB", heapWithout >> 20);
      without.close();

      // with it: every triggered Deployment written once at start
      Tally on = new Tally();
      SimpleMeterRegistry withMeters = new SimpleMeterRegistry();
      t0 = System.nanoTime();
      ImageStreamOperator with = start(config, registry.host(), true, on, withMeters);
      await(() -> pinned(test) >= TRIGGERED, java.time.Duration.ofMinutes(20));
      double initial = seconds(t0);
      long initialWrites = on.workloadWrites.sum();
      await(() -> with.eventsPending() == 0, java.time.Duration.ofMinutes(10));
      long heapWith = usedHeapAfterGc();
      log(
          "operator with triggers: %d Deployments written in %.1f s (%d writes), heap %d MiB",
          TRIGGERED, initial, on.workloadWrites.sum(), heapWith >> 20);

      // unchanged schedule cycles: no workload write
      long before = on.workloadWrites.sum();
      double checks = scheduledChecks(withMeters);
      await(
          () -> scheduledChecks(withMeters) >= checks + 2 * TAGS, java.time.Duration.ofMinutes(5));
      long idleWrites = on.workloadWrites.sum() - before;
      log("two unchanged schedule cycles: %d workload writes", idleWrites);

      // one tag moves: time from its status change to its workloads written
      before = on.workloadWrites.sum();
      new ImagePusher(registry.baseUri())
          .pushOciImage("bench/app0", "v", Platform.LINUX_AMD64, 1_000_000);
      String changedStatus = awaitNewStatus(test, "bench-0", "app");
      long statusSeen = System.nanoTime();
      awaitFine(() -> written(test, "bench-0", changedStatus) >= TRIGGERED / TAGS);
      double oneTag = seconds(statusSeen);
      long oneTagWrites = on.workloadWrites.sum() - before;
      log(
          "one tag moved: %d workloads written %.3f s after its status changed, %d writes",
          TRIGGERED / TAGS, oneTag, oneTagWrites);

      // every tag moves
      before = on.workloadWrites.sum();
      List<String> digests = new ArrayList<>();
      for (int i = 0; i < TAGS; i++) {
        digests.add(
            new ImagePusher(registry.baseUri())
                .pushOciImage("bench/app" + i, "v", Platform.LINUX_AMD64, 2_000_000 + i)
                .digest());
      }
      long pushed = System.nanoTime();
      await(() -> allMoved(test, digests), java.time.Duration.ofMinutes(10));
      double allTags = seconds(pushed);
      long allWrites = on.workloadWrites.sum() - before;
      log(
          "all %d tags moved: %d workloads written %.1f s after the pushes (scheduled checks included), %d writes",
          TAGS, TRIGGERED, allTags, allWrites);
      with.close();

      // a restart with everything current
      Tally restart = new Tally();
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      ImageStreamOperator again = start(config, registry.host(), true, restart, meters);
      await(() -> successes(meters) >= TRIGGERED, java.time.Duration.ofMinutes(10));
      log(
          "restart: %d triggered workloads evaluated, %d workload writes",
          (long) successes(meters), restart.workloadWrites.sum());
      again.close();

      // for comparison: a plain informer holding the same Deployments whole
      long heapAfter = usedHeapAfterGc();
      SharedIndexInformer<Deployment> whole = test.apps().deployments().inAnyNamespace().inform();
      await(() -> whole.getStore().list().size() >= DEPLOYMENTS, java.time.Duration.ofMinutes(5));
      long heapWhole = usedHeapAfterGc();
      log("a plain informer of the Deployments: %d MiB", (heapWhole - heapAfter) >> 20);
      whole.close();

      report.add("| measure | result | goal |");
      report.add("|---|---|---|");
      report.add(
          row(
              "operator heap, trigger controller off (after GC)",
              (heapWithout >> 20) + " MiB",
              ""));
      report.add(
          row("operator heap, trigger controller on (after GC)", (heapWith >> 20) + " MiB", ""));
      report.add(
          row(
              "the trigger controller's heap",
              ((heapWith - heapWithout) >> 20) + " MiB",
              "< 64 MiB"));
      report.add(
          row(
              "for comparison: one plain informer of the same Deployments, whole objects",
              ((heapWhole - heapAfter) >> 20) + " MiB",
              ""));
      report.add(
          row(
              "first start: " + TRIGGERED + " triggered Deployments written",
              String.format(java.util.Locale.ROOT, "%.1f s, %d writes", initial, initialWrites),
              ""));
      report.add(
          row(
              "one tag's status change to its " + TRIGGERED / TAGS + " workloads written",
              String.format(java.util.Locale.ROOT, "%.3f s", oneTag),
              ""));
      report.add(
          row(
              "API writes for that tag change",
              Long.toString(oneTagWrites),
              Integer.toString(TRIGGERED / TAGS)));
      report.add(
          row(
              "all " + TAGS + " tags moved (push to all written, imports included)",
              String.format(java.util.Locale.ROOT, "%.1f s", allTags),
              ""));
      report.add(
          row(
              "API writes for those tag changes",
              Long.toString(allWrites),
              Integer.toString(TRIGGERED)));
      report.add(
          row("workload writes in two unchanged schedule cycles", Long.toString(idleWrites), "0"));
      report.add(
          row("workload writes after a restart", Long.toString(restart.workloadWrites.sum()), "0"));
      report.add(
          row("kube-apiserver, etcd resident memory (peak)", server.memory().toString(), ""));
    }
    report.forEach(System.out::println);
  }

  private static String row(String measure, String result, String goal) {
    return "| " + measure + " | " + result + " | " + goal + " |";
  }

  static ImageStreamOperator start(
      Config config, String registryHost, boolean triggers, Tally tally) throws Exception {
    return start(config, registryHost, triggers, tally, new SimpleMeterRegistry());
  }

  static ImageStreamOperator start(
      Config config, String registryHost, boolean triggers, Tally tally, SimpleMeterRegistry meters)
      throws Exception {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("tally", tally))
            .build();
    ImageStreamOperator operator =
        new ImageStreamOperator(
            OperatorSettings.of(client, "imagestream-operator")
                .withMeterRegistry(meters)
                .withFixedConfig(config(registryHost, triggers)));
    operator.start();
    return operator;
  }

  static ImportConfig config(String registryHost, boolean triggers) throws Exception {
    return new ImportConfigParser(n -> Optional.empty())
        .parse(
            "registrySources:\n  insecureRegistries: [\""
                + registryHost
                + "\"]\n"
                + "imageImport:\n  scheduledImageImportMinimumIntervalSeconds: "
                + INTERVAL_SECONDS
                + "\n  maxScheduledImageImportsPerMinute: -1\n"
                + "imageChangeTriggers:\n  enabled: "
                + triggers
                + "\n");
  }

  static void createStreams(KubernetesClient client, String registryHost) {
    for (int i = 0; i < TAGS; i++) {
      String ns = "bench-" + i;
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
      ImageStream s = new ImageStream();
      s.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("app").build());
      s.setSpec(
          new ImageStreamSpec(
              null,
              null,
              List.of(
                  new TagReference(
                      "v",
                      null,
                      TagSource.of(
                          TagSource.DOCKER_IMAGE, registryHost + "/bench/app" + i + ":v", null),
                      null,
                      null,
                      new TagImportPolicy(null, true, null),
                      null))));
      client.resource(s).create();
    }
  }

  static void createDeployments(KubernetesClient client) throws Exception {
    int perNamespace = DEPLOYMENTS / TAGS;
    int triggeredPerNamespace = TRIGGERED / TAGS;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<Void>> creates = new ArrayList<>();
      for (int n = 0; n < TAGS; n++) {
        for (int d = 0; d < perNamespace; d++) {
          String ns = "bench-" + n;
          boolean triggered = d < triggeredPerNamespace;
          String name = (triggered ? "triggered-" : "plain-") + d;
          creates.add(
              () -> {
                client.resource(deployment(ns, name, triggered)).create();
                return null;
              });
        }
      }
      for (Future<Void> f : pool.invokeAll(creates)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A Deployment of a realistic size: labels, an applied-configuration annotation, env, limits. */
  static Deployment deployment(String namespace, String name, boolean triggered) {
    List<EnvVar> env =
        IntStream.range(0, 10)
            .mapToObj(i -> new EnvVar("SETTING_" + i, "value-" + i + "-" + name, null))
            .toList();
    Map<String, String> annotations =
        triggered
            ? Map.of(
                "image.openshift.io/triggers",
                "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"app:v\"},"
                    + "\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"app\\\")].image\"}]",
                "description",
                "x".repeat(300))
            : Map.of("description", "x".repeat(300));
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(Map.of("app", name, "tier", "web", "team", "bench"))
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withNewSelector()
        .withMatchLabels(Map.of("app", name))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app", name, "tier", "web"))
        .endMetadata()
        .withNewSpec()
        .withContainers(
            new ContainerBuilder()
                .withName("app")
                .withImage("registry.example.com/team/" + name + ":1.0")
                .withEnv(env)
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")))
                .withLimits(Map.of("memory", new Quantity("256Mi")))
                .endResources()
                .addNewPort()
                .withContainerPort(8080)
                .endPort()
                .build(),
            new ContainerBuilder()
                .withName("sidecar")
                .withImage("registry.example.com/proxy:2")
                .build())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** Triggered Deployments whose first container's image is a digest pull spec. */
  static long pinned(KubernetesClient client) {
    return client.apps().deployments().inAnyNamespace().list().getItems().stream()
        .filter(d -> d.getMetadata().getName().startsWith("triggered-"))
        .filter(d -> image(d).contains("@sha256:"))
        .count();
  }

  /** Polls every 5 ms, for two minutes at most. */
  static void awaitFine(java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out");
      }
      Thread.sleep(5);
    }
  }

  static long written(KubernetesClient client, String namespace, String pullSpec) {
    return client.apps().deployments().inNamespace(namespace).list().getItems().stream()
        .filter(d -> d.getMetadata().getName().startsWith("triggered-"))
        .filter(d -> image(d).equals(pullSpec))
        .count();
  }

  /** Every stream tag has its new image, and every triggered Deployment its pull spec. */
  static boolean allMoved(KubernetesClient client, List<String> digests) {
    for (int i = 0; i < TAGS; i++) {
      ImageStream s =
          client.resources(ImageStream.class).inNamespace("bench-" + i).withName("app").get();
      String spec =
          s.getStatus()
              .tag("v")
              .flatMap(t -> t.current())
              .map(e -> e.dockerImageReference())
              .orElse("");
      if (!spec.endsWith("@" + digests.get(i))
          || written(client, "bench-" + i, spec) < TRIGGERED / TAGS) {
        return false;
      }
    }
    return true;
  }

  /** Waits for the stream tag's status to change; returns its new pull spec. */
  static String awaitNewStatus(KubernetesClient client, String namespace, String name)
      throws InterruptedException {
    String first = current(client, namespace, name);
    long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      String now = current(client, namespace, name);
      if (!now.equals(first)) {
        return now;
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("the tag's status did not change");
  }

  private static String current(KubernetesClient client, String namespace, String name) {
    ImageStream s = client.resources(ImageStream.class).inNamespace(namespace).withName(name).get();
    return s.getStatus()
        .tag("v")
        .flatMap(t -> t.current())
        .map(e -> e.dockerImageReference())
        .orElse("");
  }

  private static String image(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  /** Scheduled checks made so far ({@code imagestream_imports_total{scheduled="true"}}). */
  static double scheduledChecks(SimpleMeterRegistry meters) {
    return meters.find("imagestream.imports").tag("scheduled", "true").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  static double successes(SimpleMeterRegistry meters) {
    return meters.find("operator.sdk.reconciliations.success").counters().stream()
        .filter(c -> "Deployment".equals(c.getId().getTag("kind")))
        .mapToDouble(c -> c.count())
        .sum();
  }

  private TriggerBenchmark() {}
}
