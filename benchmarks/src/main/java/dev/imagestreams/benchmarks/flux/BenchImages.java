package dev.imagestreams.benchmarks.flux;

import dev.imagestreams.testinfra.registry.DistributionRegistry;
import dev.imagestreams.testinfra.registry.ImagePusher;
import dev.imagestreams.testinfra.registry.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The N references both tools track: repository {@code bench/app-<i>} with the one tag {@code v1},
 * a distinct single-platform OCI image each. One tag per repository keeps Flux's tag list as short
 * as it can be, so neither tool pays for tags it does not track.
 */
final class BenchImages {
  static final String TAG = "v1";
  static final int PER_NAMESPACE = 1000;

  private BenchImages() {}

  static String repository(int i) {
    return "bench/app-" + i;
  }

  static String namespace(int i) {
    return "bench-" + i / PER_NAMESPACE;
  }

  static String objectName(int i) {
    return "app-" + i;
  }

  /** Pushes the N images straight to the registry (not through the counting proxy). */
  static void push(DistributionRegistry registry, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Void>> pushes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        pushes.add(
            () -> {
              new ImagePusher(registry.baseUri())
                  .pushOciImage(repository(index), TAG, Platform.LINUX_AMD64, index);
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
}
