package dev.imagestreams.benchmarks;

import dev.imagestreams.api.v1.ImageLookupPolicy;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamSpec;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.operator.OperatorSettings;
import dev.imagestreams.operator.lookup.WebhookSettings;
import dev.imagestreams.testinfra.KubeControlPlane;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Admission latency of image lookup on a real kube-apiserver and etcd (built by
 * test-infra/build.sh, no audit log): pods created one at a time at a steady rate in a namespace
 * holding {@code -Dstreams} ImageStreams with local lookup, measured at the client from request to
 * answer, in three phases: without the webhook configuration; with it, each pod naming a stream
 * ({@code stream-N:1}, resolved by the webhook from the operator's cache); with it, each pod fully
 * qualified (let through by the CEL match conditions without a call). The operator runs in this JVM
 * with the webhook on loopback, as in the tests. The streams' tags are {@code reference: true}, so
 * nothing is imported (the resolution's work is the same as for an imported tag).
 */
public final class LookupLatencyBenchmark {
  static final int STREAMS = Integer.getInteger("streams", 1_000);
  static final int PODS = Integer.getInteger("pods", 1_000);
  static final int RATE = Integer.getInteger("rate", 25);
  static final int WARMUP = Integer.getInteger("warmup", 200);
  static final String NS = "bench";

  private LookupLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.out.printf(
        "image lookup latency: %d streams, %d pods per phase at %d/s (after %d warm-up)%n",
        STREAMS, PODS, RATE, WARMUP);
    System.out.println("load average before: " + Files.readString(Path.of("/proc/loadavg")).trim());
    try (KubeControlPlane plane = KubeControlPlane.startUnaudited();
        KubernetesClient admin = client(plane)) {
      admin
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
          .create();
      ScaleBenchmark.installCrd(admin);
      awaitServed(admin);
      createStreams(admin);
      ImageStreamOperator operator = null;
      io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
          new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
      try {
        List<Long> without = phase(admin, "without", i -> "python-" + i + ":1");
        int port = freePort();
        install(admin, port);
        meters
            .config()
            .meterFilter(
                new io.micrometer.core.instrument.config.MeterFilter() {
                  @Override
                  public io.micrometer.core.instrument.distribution.DistributionStatisticConfig
                      configure(
                          io.micrometer.core.instrument.Meter.Id id,
                          io.micrometer.core.instrument.distribution.DistributionStatisticConfig
                              config) {
                    return io.micrometer.core.instrument.distribution.DistributionStatisticConfig
                        .builder()
                        .percentiles(0.5, 0.99)
                        .build()
                        .merge(config);
                  }
                });
        operator =
            new ImageStreamOperator(
                OperatorSettings.of(client(plane), NS)
                    .withMeterRegistry(meters)
                    .withFixedConfig(ImportConfig.defaults())
                    .withWebhook(
                        new WebhookSettings(
                            "127.0.0.1",
                            port,
                            List.of("127.0.0.1"),
                            WebhookSettings.DEFAULT_CONFIGURATION,
                            WebhookSettings.BuiltIn.defaults(WebhookSettings.DEFAULT_SECRET),
                            Duration.ofSeconds(30),
                            8)));
        operator.start();
        awaitSent(admin);
        awaitReconciled(admin);
        List<Long> resolved = phase(admin, "resolved", i -> "stream-" + (i % STREAMS) + ":1");
        List<Long> qualified = phase(admin, "qualified", i -> "quay.io/org/app-" + i + ":1");
        System.out.println();
        System.out.println("| phase | p50 | p90 | p99 | max | mean |");
        System.out.println("|---|---|---|---|---|---|");
        row("no webhook configuration", without);
        row("local name, resolved by the webhook", resolved);
        row("fully qualified (not sent: CEL)", qualified);
        for (var timer : meters.find("imagestream.lookup.admissions").timers()) {
          var snapshot = timer.takeSnapshot();
          System.out.printf(
              Locale.ROOT,
              "in the webhook (%s, %d answers, warm-up included): p50 %.2f ms, p99 %.2f ms%n",
              timer.getId().getTag("outcome"),
              timer.count(),
              snapshot.percentileValues()[0].value(TimeUnit.MILLISECONDS),
              snapshot.percentileValues()[1].value(TimeUnit.MILLISECONDS));
        }
        System.out.printf(
            Locale.ROOT,
            "added by the webhook: p50 %.2f ms, p99 %.2f ms%n",
            ms(pct(resolved, 50) - pct(without, 50)),
            ms(pct(resolved, 99) - pct(without, 99)));
      } finally {
        if (operator != null) {
          operator.close();
        }
      }
    }
    System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());
  }

  private static KubernetesClient client(KubeControlPlane plane) {
    Config config =
        new ConfigBuilder(Config.fromKubeconfig(plane.adminKubeconfig()))
            .withRequestTimeout(60_000)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Until the API server serves ImageStreams (Established can come a moment before). */
  private static void awaitServed(KubernetesClient admin) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      try {
        admin.resources(ImageStream.class).inNamespace(NS).list();
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
    throw new IllegalStateException("ImageStreams are not served");
  }

  /** Creates the stream, retrying while the API server answers 404 for the new resource. */
  private static void createServed(KubernetesClient admin, ImageStream s)
      throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        admin.resource(s).create();
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 404 || attempt >= 300) {
          throw e;
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
  }

  private static void createStreams(KubernetesClient admin) throws InterruptedException {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch done = new CountDownLatch(STREAMS);
    AtomicInteger failed = new AtomicInteger();
    for (int i = 0; i < STREAMS; i++) {
      int n = i;
      pool.execute(
          () -> {
            try {
              ImageStream s = new ImageStream();
              s.setMetadata(
                  new ObjectMetaBuilder().withNamespace(NS).withName("stream-" + n).build());
              s.setSpec(
                  new ImageStreamSpec(
                      new ImageLookupPolicy(true),
                      null,
                      List.of(
                          new TagReference(
                              "1",
                              null,
                              TagSource.of("DockerImage", "quay.io/org/app-" + n + ":1", null),
                              true,
                              null,
                              null,
                              null))));
              createServed(admin, s);
            } catch (RuntimeException | InterruptedException e) {
              if (failed.getAndIncrement() == 0) {
                System.out.println(
                    "a stream could not be created: "
                        + e.getMessage()
                        + (e instanceof io.fabric8.kubernetes.client.KubernetesClientException k
                            ? " " + k.getCode() + " " + k.getStatus()
                            : ""));
              }
            } finally {
              done.countDown();
            }
          });
    }
    done.await();
    pool.shutdown();
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " streams could not be created");
    }
    System.out.printf(
        Locale.ROOT, "created %d streams in %.1f s%n", STREAMS, (System.nanoTime() - start) / 1e9);
  }

  /** Creates WARMUP + PODS pods at the steady rate; the latencies of the last PODS, in ns. */
  private static List<Long> phase(KubernetesClient admin, String name, IntFunction<String> image)
      throws InterruptedException {
    int total = WARMUP + PODS;
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    ScheduledExecutorService ticker = Executors.newScheduledThreadPool(8);
    long period = 1_000_000_000L / RATE;
    for (int i = 0; i < total; i++) {
      int n = i;
      ticker.schedule(
          () -> {
            try {
              Pod pod =
                  new PodBuilder()
                      .withNewMetadata()
                      .withNamespace(NS)
                      .withName(name + "-" + n)
                      .endMetadata()
                      .withNewSpec()
                      .addNewContainer()
                      .withName("app")
                      .withImage(image.apply(n))
                      .endContainer()
                      .endSpec()
                      .build();
              long start = System.nanoTime();
              Pod created = admin.resource(pod).create();
              long took = System.nanoTime() - start;
              if (n >= WARMUP) {
                latencies.add(took);
              }
              String got = created.getSpec().getContainers().get(0).getImage();
              if (name.equals("resolved") && !got.startsWith("quay.io/")) {
                fail(failures, name + "-" + n + " not resolved: " + got);
              }
            } catch (RuntimeException e) {
              fail(failures, name + "-" + n + ": " + e.getMessage());
            } finally {
              done.countDown();
            }
          },
          i * period,
          TimeUnit.NANOSECONDS);
    }
    done.await();
    ticker.shutdown();
    if (failures.get() > 0) {
      throw new IllegalStateException(
          name + ": " + failures.get() + " pods failed or were not resolved");
    }
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return sorted;
  }

  private static void fail(AtomicInteger failures, String why) {
    if (failures.getAndIncrement() < 3) {
      System.out.println("failed: " + why);
    }
  }

  /** Until the operator has reconciled every stream once (its first storm is not measured). */
  private static void awaitReconciled(KubernetesClient admin) throws InterruptedException {
    for (int i = 0; i < 3000; i++) {
      long done =
          admin.resources(ImageStream.class).inNamespace(NS).list().getItems().stream()
              .filter(s -> s.getStatus() != null)
              .count();
      if (done >= STREAMS) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new IllegalStateException("the operator did not reconcile every stream in time");
  }

  private static void install(KubernetesClient admin, int port) throws Exception {
    String yaml = Files.readString(Path.of("..", "deploy", "image-lookup.yaml"));
    MutatingWebhookConfiguration c =
        Arrays.stream(yaml.split("(?m)^---\\s*$"))
            .filter(d -> d.contains("kind: MutatingWebhookConfiguration"))
            .map(d -> (HasMetadata) Serialization.unmarshal(d))
            .map(MutatingWebhookConfiguration.class::cast)
            .findFirst()
            .orElseThrow();
    for (MutatingWebhook w : c.getWebhooks()) {
      w.setClientConfig(
          new WebhookClientConfigBuilder()
              .withUrl("https://127.0.0.1:" + port + WebhookSettings.PATH)
              .build());
    }
    admin.resource(c).serverSideApply();
  }

  private static void awaitSent(KubernetesClient admin) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      MutatingWebhookConfiguration c =
          admin
              .admissionRegistration()
              .v1()
              .mutatingWebhookConfigurations()
              .withName(WebhookSettings.DEFAULT_CONFIGURATION)
              .get();
      boolean sent =
          c.getWebhooks().get(0).getNamespaceSelector().getMatchExpressions().stream()
              .filter(r -> r.getOperator().equals("In"))
              .map(LabelSelectorRequirement::getValues)
              .anyMatch(v -> v.contains(NS));
      if (sent && c.getWebhooks().get(0).getClientConfig().getCaBundle() != null) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IllegalStateException("the operator did not list namespace " + NS + " in time");
  }

  private static void row(String phase, List<Long> l) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n",
        phase,
        ms(pct(l, 50)),
        ms(pct(l, 90)),
        ms(pct(l, 99)),
        ms(l.get(l.size() - 1)),
        ms((long) l.stream().mapToLong(Long::longValue).average().orElse(0)));
  }

  private static long pct(List<Long> sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
