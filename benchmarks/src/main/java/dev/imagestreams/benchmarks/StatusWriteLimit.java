package dev.imagestreams.benchmarks;

import dev.imagestreams.api.v1.ImageStream;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The limit of the initial import's writes: a plain client writing the same final statuses to fresh
 * copies of the same streams, as fast as the API server takes them, with no registry and no
 * reconciler in the way. The streams are created first (not timed); then each gets its status in
 * one write, by server-side apply or by an update of the status subresource.
 */
final class StatusWriteLimit {
  /** How a status is written. */
  enum Method {
    APPLY,
    UPDATE
  }

  private final KubernetesClient client;
  private final int concurrency;

  StatusWriteLimit(KubernetesClient client, int concurrency) {
    this.client = client;
    this.concurrency = concurrency;
  }

  /**
   * Writes each stream's status to a fresh copy in new namespaces named after {@code prefix}.
   *
   * @return the seconds the status writes took
   */
  double run(List<ImageStream> finished, Method method, String prefix) throws Exception {
    List<ImageStream> copies = new ArrayList<>();
    List<String> namespaces = new ArrayList<>();
    for (ImageStream s : finished) {
      String ns = prefix + "-" + s.getMetadata().getNamespace();
      if (!namespaces.contains(ns)) {
        namespaces.add(ns);
        client
            .namespaces()
            .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
            .create();
      }
      ImageStream copy = new ImageStream();
      copy.setMetadata(
          new ObjectMetaBuilder().withNamespace(ns).withName(s.getMetadata().getName()).build());
      copy.setSpec(s.getSpec());
      copies.add(copy);
    }
    List<ImageStream> created = inParallel(copies, c -> client.resource(c).create());
    List<ImageStream> withStatus = new ArrayList<>();
    for (int i = 0; i < created.size(); i++) {
      ImageStream c = created.get(i);
      c.setStatus(finished.get(i).getStatus());
      withStatus.add(c);
    }
    long start = System.nanoTime();
    inParallel(withStatus, s -> write(s, method));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "limit (%s): %d status writes in %.1f s (%.0f/s)%n",
        method,
        withStatus.size(),
        seconds,
        withStatus.size() / seconds);
    return seconds;
  }

  private ImageStream write(ImageStream stream, Method method) {
    return switch (method) {
      case APPLY -> {
        ImageStream applied = new ImageStream();
        applied.setMetadata(
            new ObjectMetaBuilder()
                .withNamespace(stream.getMetadata().getNamespace())
                .withName(stream.getMetadata().getName())
                .build());
        applied.setStatus(stream.getStatus());
        yield client
            .resource(applied)
            .subresource("status")
            .patch(
                new PatchContext.Builder()
                    .withForce(true)
                    .withFieldManager("imagestream-operator")
                    .withPatchType(PatchType.SERVER_SIDE_APPLY)
                    .build());
      }
      case UPDATE -> client.resource(stream).updateStatus();
    };
  }

  private interface Call {
    ImageStream on(ImageStream stream);
  }

  private List<ImageStream> inParallel(List<ImageStream> streams, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Callable<ImageStream>> tasks = new ArrayList<>();
      for (ImageStream s : streams) {
        tasks.add(() -> call.on(s));
      }
      List<ImageStream> out = new ArrayList<>();
      for (Future<ImageStream> f : pool.invokeAll(tasks)) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
