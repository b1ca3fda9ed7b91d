package dev.imagestreams.benchmarks;

import dev.imagestreams.registry.manifest.MediaTypes;
import dev.imagestreams.testinfra.registry.DistributionRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The same HEADs a scheduled cycle sends, with a plain {@link HttpClient} on as many threads as the
 * registry's lanes: what the registry and the machine allow without the operator.
 */
final class RawHeads implements AutoCloseable {
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ExecutorService pool;
  private final List<Callable<Void>> heads = new ArrayList<>();

  RawHeads(DistributionRegistry registry, int references, int concurrency) {
    this.pool = Executors.newFixedThreadPool(concurrency);
    for (int i = 0; i < references; i++) {
      URI url = URI.create(registry.baseUri() + "/v2/scale/app/manifests/r" + i);
      heads.add(() -> head(url));
    }
  }

  /** Sends every HEAD once; returns the seconds it took. */
  double batchSeconds() throws Exception {
    long start = System.nanoTime();
    for (Future<Void> f : pool.invokeAll(heads)) {
      f.get();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private Void head(URI url) throws Exception {
    HttpResponse<Void> r =
        client.send(
            HttpRequest.newBuilder(url)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", MediaTypes.MANIFEST_ACCEPT_HEADER)
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("HEAD " + url + " -> " + r.statusCode());
    }
    return null;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
