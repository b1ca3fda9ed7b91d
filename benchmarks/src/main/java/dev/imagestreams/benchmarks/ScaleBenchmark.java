package dev.imagestreams.benchmarks;

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
import dev.imagestreams.testinfra.registry.OffsetClock;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.TestImages;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * One scheduled cycle at cluster scale: 10,000 ImageStreams x 5 scheduled tags over 1,000 distinct
 * references on the local distribution registry, through the real operator (JOSDK reconciler,
 * import service, schedule, scheduled checks) against fabric8's mock API server running in a
 * separate process ({@code -Dapi=mock}, the default) or a real kube-apiserver and etcd ({@code
 * -Dapi=real}, built by test-infra/build.sh). The clock is moved one interval on so that the whole
 * cycle is due at once.
 */
public final class ScaleBenchmark {
  static final int STREAMS = Integer.getInteger("streams", 10_000);
  static final int TAGS = 5;
  static final int REFERENCES = Integer.getInteger("references", 1_000);
  static final int STREAMS_PER_NAMESPACE = 100;
  static final int CONCURRENCY = 16;
  static final int ROUNDS = 5;
  static final Duration INTERVAL = Duration.ofMinutes(15);
  static final boolean REAL = "real".equals(System.getProperty("api", "mock"));

  /** {@code python}: python-like images (10 layers, 12 env, 20 labels); {@code small}: 2 layers. */
  static final boolean PYTHON_LIKE = "python".equals(System.getProperty("images", "python"));

  /** How the limit run writes statuses: {@code apply}, {@code update}, or {@code none}. */
  static final String LIMIT = System.getProperty("limit", "apply");

  public static void main(String[] args) {
    try {
      run();
    } catch (Throwable t) { // a failed run must not leave an operator running
      t.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  static void run() throws Exception {
    StringBuilder report = new StringBuilder();
    try (DistributionRegistry registry = DistributionRegistry.anonymous().start()) {
      long t0 = System.nanoTime();
      pushImages(registry);
      log("pushed %d images in %.1f s", REFERENCES, seconds(t0));

      ApiServerUnderTest server = REAL ? ApiServerUnderTest.real() : ApiServerUnderTest.mock();
      try {
        Config config = server.config();
        KubernetesClient test = new KubernetesClientBuilder().withConfig(config).build();
        installCrd(test);
        t0 = System.nanoTime();
        createStreams(test, registry.host());
        log("created %d streams in %.1f s", STREAMS, seconds(t0));

        LongAdder writes = new LongAdder();
        LongAdder eventWrites = new LongAdder();
        LongAdder apiRequests = new LongAdder();
        KubernetesClient operatorClient =
            new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientBuilderConsumer(
                    h ->
                        h.addOrReplaceInterceptor(
                            "writes",
                            new Interceptor() {
                              @Override
                              public void before(
                                  BasicBuilder builder,
                                  HttpRequest request,
                                  Interceptor.RequestTags tags) {
                                apiRequests.increment();
                                if (!request.method().equals("GET")
                                    && request.uri().getPath().contains("/imagestreams/")) {
                                  writes.increment();
                                }
                                if (request.method().equals("POST")
                                    && request.uri().getPath().endsWith("/events")) {
                                  eventWrites.increment();
                                }
                              }
                            }))
                .build();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OffsetClock clock = new OffsetClock();
        ImageStreamOperator operator =
            new ImageStreamOperator(
                OperatorSettings.of(operatorClient, "imagestream-operator")
                    .withClock(clock)
                    .withMeterRegistry(meters)
                    .withFixedConfig(config(registry.host())));
        t0 = System.nanoTime();
        operator.start();
        int tracked = STREAMS * TAGS;
        await(
            () ->
                writes.sum() >= STREAMS
                    && operator.engine().scheduler().trackedTags() >= tracked
                    && operator.engine().imports().inFlight() == 0,
            Duration.ofMinutes(30));
        double initial = seconds(t0);
        long initialRequests = apiRequests.sum();
        long initialWrites = writes.sum();
        long initialEvents = eventWrites.sum();
        await(
            () -> operator.eventsPending() == 0,
            Duration.ofMinutes(30)); // the Events of the initial import
        log(
            "initial import: %d status writes, %d tags scheduled over %d references in %.1f s",
            writes.sum(),
            operator.engine().scheduler().trackedTags(),
            operator.engine().scheduler().trackedReferences(),
            initial);

        // a first cycle warms the check path up (class loading, JIT); the second is measured
        Cycle warmup = cycle(operator, clock, meters, writes);
        log(
            "warm-up cycle: %d HEAD, %d GET, %d writes in %.2f s",
            warmup.heads, warmup.gets, warmup.writes, warmup.seconds);
        // then cycles and batches of the same HEADs with a plain HttpClient take turns, so both
        // see the same machine; the medians are compared
        List<Double> cycleSeconds = new ArrayList<>();
        List<Double> rawSeconds = new ArrayList<>();
        long heads = 0;
        long gets = 0;
        long cycleWrites = 0;
        try (RawHeads rawHeads = new RawHeads(registry, REFERENCES, CONCURRENCY)) {
          rawHeads.batchSeconds(); // warms its connections up
          for (int round = 0; round < ROUNDS; round++) {
            Cycle measured = cycle(operator, clock, meters, writes);
            log(
                "cycle: %d HEAD, %d GET, %d writes in %.3f s, %.2f CPU-s in the operator's JVM",
                measured.heads,
                measured.gets,
                measured.writes,
                measured.seconds,
                measured.cpuSeconds);
            if (round > 0 && measured.heads != heads) {
              throw new IllegalStateException("cycles differ: " + heads + " vs " + measured.heads);
            }
            heads = measured.heads;
            gets += measured.gets;
            cycleWrites += measured.writes;
            cycleSeconds.add(measured.seconds);
            double raw = rawHeads.batchSeconds();
            log("raw: %d HEAD in %.3f s", REFERENCES, raw);
            rawSeconds.add(raw);
          }
        }
        double cycle = median(cycleSeconds);
        double checkRate = heads / cycle;
        double raw = REFERENCES / median(rawSeconds);

        long heap = usedHeapAfterGc();
        if (Boolean.getBoolean("histogram")) {
          Process jcmd =
              new ProcessBuilder(
                      Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                      Long.toString(ProcessHandle.current().pid()),
                      "GC.class_histogram")
                  .redirectErrorStream(true)
                  .start();
          new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .limit(40)
              .forEach(System.out::println);
        }
        StoredStream stored = REAL ? StoredStream.read(test, "scale-0", "s0") : null;

        report.append(
            String.format(
                Locale.ROOT,
                "## Scheduled import at scale (%s API server): %,d streams x %d scheduled tags over %,d references%n%n"
                    + "| measure | result | goal |%n|---|---|---|%n"
                    + "| initial import (%,d status writes) | %.1f s | |%n"
                    + "| operator's API requests in the initial import, per stream | %.2f (%.2f status writes, %.2f Events) | |%n"
                    + "| one full scheduled cycle, cap off (median of %d) | %.3f s | |%n"
                    + "| registry requests in each cycle | %,d HEAD, %,d GET in all | exactly %,d HEAD |%n"
                    + "| Kubernetes API writes in the cycles | %,d | 0 |%n"
                    + "| heap after the cycle (informer cache included, after GC) | %d MiB | < 512 MiB |%n"
                    + "| check rate vs raw HEAD rate (medians; %d threads, same registry, taking turns) | %.0f/s vs %.0f/s = %.0f%% | >= 80%% |%n",
                REAL ? "real" : "mock",
                STREAMS,
                TAGS,
                REFERENCES,
                STREAMS,
                initial,
                (double) initialRequests / STREAMS,
                (double) initialWrites / STREAMS,
                (double) initialEvents / STREAMS,
                ROUNDS,
                cycle,
                heads,
                gets,
                REFERENCES,
                cycleWrites,
                heap / (1024 * 1024),
                CONCURRENCY,
                checkRate,
                raw,
                100 * checkRate / raw));
        if (stored != null) {
          report.append(
              String.format(
                  Locale.ROOT, "| bytes of one stream as stored | %,d | |%n", stored.total()));
        }
        server
            .memory()
            .forEach(
                (process, rss) ->
                    report.append(
                        String.format(
                            Locale.ROOT, "| %s, after the cycle | %s | |%n", process, rss)));
        System.out.println(report);
        operator.close(); // the limit run writes alone
        if (REAL && !"none".equals(LIMIT)) {
          List<ImageStream> finished =
              test.resources(ImageStream.class).inAnyNamespace().list().getItems().stream()
                  .filter(s -> s.getMetadata().getNamespace().startsWith("scale-"))
                  .toList();
          StringBuilder rows = new StringBuilder();
          String[] methods = LIMIT.split(",");
          for (int i = 0; i < methods.length; i++) {
            String name = methods[i];
            StatusWriteLimit.Method method =
                StatusWriteLimit.Method.valueOf(name.trim().toUpperCase(Locale.ROOT));
            double limit =
                new StatusWriteLimit(test, CONCURRENCY)
                    .run(finished, method, "limit" + i + "-" + name.trim());
            rows.append(
                String.format(
                    Locale.ROOT,
                    "| limit: a plain client writing the same %,d statuses (%s, %d threads) | %.1f s:"
                        + " the initial import took %.2fx the limit | |%n",
                    finished.size(),
                    name.trim(),
                    CONCURRENCY,
                    limit,
                    initial / limit));
          }
          report.append(rows);
          System.out.println(rows);
        }
        Path out = Path.of("target", "scale-" + (REAL ? "real" : "mock") + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        operatorClient.close();
        test.close();
      } finally {
        server.close();
      }
    }
  }

  /** What one cycle cost. */
  record Cycle(long heads, long gets, long writes, double seconds, double cpuSeconds) {}

  /** This JVM's CPU time so far (all its threads: the operator's, the JIT's, the GC's). */
  static double processCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  /**
   * Moves the clock two intervals on, so every check is due at once, and waits for the cycle to
   * finish.
   */
  static Cycle cycle(
      ImageStreamOperator operator, OffsetClock clock, SimpleMeterRegistry meters, LongAdder writes)
      throws InterruptedException {
    long headsBefore = requests(meters, "HEAD");
    long getsBefore = requests(meters, "GET");
    long writesBefore = writes.sum();
    int references = operator.engine().scheduler().trackedReferences();
    clock.advance(INTERVAL.multipliedBy(2));
    double cpuBefore = processCpuSeconds();
    long start = System.nanoTime();
    operator.engine().scheduler().wakeUp();
    long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
    while (requests(meters, "HEAD") - headsBefore < references
        || operator.engine().scheduler().running() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the cycle did not end within 20 minutes");
      }
      Thread.sleep(1); // a millisecond's precision, without taking a core from the registry
    }
    return new Cycle(
        requests(meters, "HEAD") - headsBefore,
        requests(meters, "GET") - getsBefore,
        writes.sum() - writesBefore,
        seconds(start),
        processCpuSeconds() - cpuBefore);
  }

  static ImportConfig config(String registryHost) throws Exception {
    return new ImportConfigParser(n -> Optional.empty())
        .parse(
            "registrySources:\n  insecureRegistries: [\""
                + registryHost
                + "\"]\n"
                + "imageImport:\n  scheduledImageImportMinimumIntervalSeconds: "
                + INTERVAL.toSeconds()
                + "\n"
                + "  maxScheduledImageImportsPerMinute: -1\n"
                + "registryLimits:\n  hosts:\n    \""
                + registryHost
                + "\": {requestsPerSecond: 100000, burst: 100000, maxConcurrent: "
                + CONCURRENCY
                + "}\n");
  }

  static void pushImages(DistributionRegistry registry) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Void>> pushes = new ArrayList<>();
      for (int i = 0; i < REFERENCES; i++) {
        int n = i;
        pushes.add(
            () -> {
              ImagePusher pusher = new ImagePusher(registry.baseUri());
              if (PYTHON_LIKE) {
                pusher.push("scale/app", "r" + n, TestImages.pythonLike(n));
              } else {
                pusher.pushOciImage("scale/app", "r" + n, Platform.LINUX_AMD64, n);
              }
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(pushes)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static void createStreams(KubernetesClient client, String registryHost) throws Exception {
    for (int ns = 0; ns < STREAMS / STREAMS_PER_NAMESPACE; ns++) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName("scale-" + ns)
                  .endMetadata()
                  .build())
          .create();
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<Void>> creates = new ArrayList<>();
      for (int i = 0; i < STREAMS; i++) {
        int n = i;
        creates.add(
            () -> {
              List<TagReference> tags = new ArrayList<>();
              for (int t = 0; t < TAGS; t++) {
                int ref = (n * TAGS + t) % REFERENCES;
                tags.add(
                    new TagReference(
                        "t" + t,
                        null,
                        TagSource.of("DockerImage", registryHost + "/scale/app:r" + ref, null),
                        null,
                        null,
                        new TagImportPolicy(null, true, null),
                        null));
              }
              ImageStream s = new ImageStream();
              s.setMetadata(
                  new ObjectMetaBuilder()
                      .withNamespace("scale-" + (n / STREAMS_PER_NAMESPACE))
                      .withName("s" + n)
                      .build());
              s.setSpec(new ImageStreamSpec(null, null, tags));
              client.resource(s).create();
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(creates)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static void installCrd(KubernetesClient client) throws Exception {
    try (InputStream crd =
        ScaleBenchmark.class.getResourceAsStream(
            "/META-INF/fabric8/imagestreams.image.openshift.io-v1.yml")) {
      CustomResourceDefinition definition =
          client.apiextensions().v1().customResourceDefinitions().load(crd).item();
      client.apiextensions().v1().customResourceDefinitions().resource(definition).create();
    }
  }

  static long requests(SimpleMeterRegistry meters, String method) {
    return (long)
        meters.find("imagestream.registry.requests").tag("method", method).counters().stream()
            .mapToDouble(Counter::count)
            .sum();
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static void await(BooleanSupplier done, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout);
      }
      Thread.sleep(50);
    }
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, format + "%n", args);
  }
}
