package dev.imagestreams.benchmarks;

import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.RegistryClient;
import dev.imagestreams.registry.RegistrySettings;
import dev.imagestreams.registry.ResolveOptions;
import dev.imagestreams.registry.auth.RegistryCredentials;
import dev.imagestreams.registry.manifest.MediaTypes;
import dev.imagestreams.registry.reference.ImageReference;
import dev.imagestreams.testinfra.registry.DistributionRegistry;
import dev.imagestreams.testinfra.registry.ImagePusher;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.TokenServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The registry engine against raw HTTP: resolving unchanged tags (HEAD only) with the engine, and
 * sending the same HEAD requests with a plain {@link HttpClient}, interleaved in one run against
 * the local distribution registry. Also counts what N distinct tags cost on a token-auth registry.
 */
public final class EngineHeadBenchmark {
  static final int TAGS = 200;
  static final int ROUNDS = 10;
  static final int[] CONCURRENCY = {1, 8, 32};
  static final int REPEATS = 5;

  public static void main(String[] args) throws Exception {
    StringBuilder report = new StringBuilder();
    report
        .append("## Registry engine: HEAD rate (")
        .append(TAGS)
        .append(" distinct tags x ")
        .append(ROUNDS)
        .append(" rounds per run, median of ")
        .append(REPEATS)
        .append(" interleaved runs)\n\n");
    report.append(
        "| concurrency | engine (resolve, HEAD only) | raw HttpClient HEAD | engine / raw |\n|---|---|---|---|\n");
    try (DistributionRegistry registry = DistributionRegistry.anonymous().start()) {
      ImagePusher pusher = new ImagePusher(registry.baseUri());
      List<ImageReference> refs = new ArrayList<>();
      List<URI> urls = new ArrayList<>();
      for (int i = 0; i < TAGS; i++) {
        pusher.pushOciImage("bench/app", "t" + i, Platform.LINUX_AMD64, i);
        refs.add(ImageReference.parse(registry.host() + "/bench/app:t" + i));
        urls.add(URI.create(registry.baseUri() + "/v2/bench/app/manifests/t" + i));
      }
      RequestTally tally = new RequestTally();
      RegistryClient engine =
          new RegistryClient(RegistrySettings.builder().listener(tally).build());
      Access access = Access.anonymous(true);
      HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (ImageReference ref : refs) {
        engine.resolve(ref, access, ResolveOptions.defaults()); // resolve every digest once
      }
      for (int concurrency : CONCURRENCY) {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
          run(
              pool,
              refs.size(),
              i -> engine.resolve(refs.get(i), access, ResolveOptions.defaults()));
          run(pool, urls.size(), i -> rawHead(raw, urls.get(i)));
          List<Double> engineRates = new ArrayList<>();
          List<Double> rawRates = new ArrayList<>();
          for (int r = 0; r < REPEATS; r++) {
            tally.reset();
            engineRates.add(
                rate(
                    pool,
                    refs.size(),
                    i -> engine.resolve(refs.get(i), access, ResolveOptions.defaults())));
            long heads = tally.count("HEAD");
            long gets = tally.count("GET");
            if (heads != (long) TAGS * ROUNDS || gets != 0) {
              throw new IllegalStateException(
                  "expected exactly " + TAGS * ROUNDS + " HEADs and no GET, got " + tally);
            }
            rawRates.add(rate(pool, urls.size(), i -> rawHead(raw, urls.get(i))));
          }
          double e = median(engineRates);
          double w = median(rawRates);
          report.append(
              String.format(
                  Locale.ROOT,
                  "| %d | %.0f/s | %.0f/s | %.0f%% |%n",
                  concurrency,
                  e,
                  w,
                  100 * e / w));
        } finally {
          pool.shutdownNow();
        }
      }
    }
    report
        .append("\nEvery engine run made exactly ")
        .append(TAGS * ROUNDS)
        .append(" HEAD requests and no GET.\n\n");
    report.append(tokenCosts());
    System.out.println(report);
    Path out = Path.of("target", "engine-head.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  /** What resolving N distinct tags costs on a token-auth registry, from a cold start. */
  static String tokenCosts() throws Exception {
    try (TokenServer tokens = TokenServer.builder().start();
        DistributionRegistry registry = DistributionRegistry.tokenAuth(tokens).start()) {
      ImagePusher pusher =
          new ImagePusher(
              registry.baseUri(), dev.imagestreams.testinfra.registry.Credentials.DEFAULT);
      for (int i = 0; i < TAGS; i++) {
        pusher.pushOciImage("bench/private", "t" + i, Platform.LINUX_AMD64, i);
      }
      tokens.reset();
      RequestTally tally = new RequestTally();
      RegistryClient engine =
          new RegistryClient(RegistrySettings.builder().listener(tally).build());
      Access access = new Access(RegistryCredentials.basic("alice", "s3cret"), true);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < TAGS; i++) {
          ImageReference ref = ImageReference.parse(registry.host() + "/bench/private:t" + i);
          calls.add(() -> engine.head(ref, access));
        }
        for (Future<Object> f : pool.invokeAll(calls)) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      return String.format(
          Locale.ROOT,
          "## Cost of %d distinct tags on a token-auth registry (cold client, 8 threads)%n%n"
              + "| HEAD | token requests | other requests |%n|---|---|---|%n| %d | %d | %d (the one-time `GET /v2/` probe) |%n",
          TAGS,
          tally.count("HEAD"),
          tokens.requestCount(),
          tally.count("GET") + tally.count("GET 401") - tokens.requestCount());
    }
  }

  @FunctionalInterface
  interface Work {
    void run(int index) throws Exception;
  }

  private static void run(ExecutorService pool, int n, Work work) throws Exception {
    rate(pool, n, work);
  }

  /** Requests per second for ROUNDS passes over n items on the pool. */
  private static double rate(ExecutorService pool, int n, Work work) throws Exception {
    List<Callable<Void>> calls = new ArrayList<>();
    for (int r = 0; r < ROUNDS; r++) {
      for (int i = 0; i < n; i++) {
        int index = i;
        calls.add(
            () -> {
              work.run(index);
              return null;
            });
      }
    }
    long start = System.nanoTime();
    for (Future<Void> f : pool.invokeAll(calls)) {
      f.get();
    }
    return calls.size() / ((System.nanoTime() - start) / 1e9);
  }

  private static void rawHead(HttpClient raw, URI url) throws Exception {
    HttpResponse<Void> r =
        raw.send(
            HttpRequest.newBuilder(url)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", MediaTypes.MANIFEST_ACCEPT_HEADER)
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("HEAD " + url + " -> " + r.statusCode());
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
