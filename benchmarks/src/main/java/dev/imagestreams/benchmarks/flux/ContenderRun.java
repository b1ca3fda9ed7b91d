package dev.imagestreams.benchmarks.flux;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * One tool's run on a fresh API server: its objects are created first, the API server and etcd are
 * measured idle with them, then the tool starts; the initial import lasts until every object is
 * ready, one interval lets the schedule settle, then each measured cycle is one interval.
 */
final class ContenderRun {
  private final BenchSettings settings;
  private final CountingProxy proxy;
  private final long registryPid;

  ContenderRun(BenchSettings settings, CountingProxy proxy, long registryPid) {
    this.settings = settings;
    this.proxy = proxy;
    this.registryPid = registryPid;
  }

  ContenderResult run(Contender contender) throws Exception {
    Path workDir = Files.createTempDirectory("flux-side-by-side-");
    Progress.log("%s: logs and data in %s", contender.title(), workDir);
    try (ControlPlane plane = new ControlPlane(workDir)) {
      contender.install(plane.admin());
      long created = System.nanoTime();
      createObjects(plane.admin(), contender);
      Progress.log(
          "%s: created %,d objects in %.1f s",
          contender.title(), settings.n(), (System.nanoTime() - created) / 1e9);
      Window idle = idleWindow(plane);
      Process controller = null;
      try {
        int ready;
        double untilReady;
        Window initial;
        // the watch is closed before the cycles, so that its events are not counted in them
        try (ReadinessWatch watch =
            new ReadinessWatch(plane.admin(), contender.kind(), contender::isReady)) {
          proxy.takeTraffic();
          Snapshot before = Snapshot.take(null, plane, registryPid);
          controller = contender.start(plane.kubeconfig(), workDir);
          watch.awaitReady(settings.n(), settings.readyTimeout(), controller, contender.title());
          untilReady = (System.nanoTime() - before.nanos()) / 1e9;
          ready = watch.ready();
          Snapshot after =
              Snapshot.take(controller.isAlive() ? controller : null, plane, registryPid);
          initial = Window.between(before, after, proxy.takeTraffic());
        }
        Progress.log(
            "%s: %,d of %,d ready in %.1f s", contender.title(), ready, settings.n(), untilReady);
        Optional<String> failure = failure(controller, ready == settings.n());
        List<Window> cycles =
            failure.isPresent() ? List.of() : cycles(controller, plane, contender);
        if (failure.isEmpty() && cycles.size() < settings.cycles()) {
          failure = failure(controller, true);
        }
        return new ContenderResult(
            contender, settings.n(), ready, untilReady, idle, initial, cycles, failure);
      } finally {
        stop(controller);
        deleteRecursively(workDir.resolve("flux-data"));
      }
    }
  }

  /** The API server and etcd with the objects in place and no controller. */
  private Window idleWindow(ControlPlane plane) throws InterruptedException {
    proxy.takeTraffic();
    Snapshot start = Snapshot.take(null, plane, registryPid);
    Thread.sleep(settings.idleWindow().toMillis()); // a window of time is what is measured
    return Window.between(start, Snapshot.take(null, plane, registryPid), proxy.takeTraffic());
  }

  /** One interval to settle, then the measured cycles; fewer if the controller exits. */
  private List<Window> cycles(Process controller, ControlPlane plane, Contender contender)
      throws InterruptedException {
    List<Window> cycles = new ArrayList<>();
    Progress.log("%s: one interval (%s) to settle", contender.title(), settings.interval());
    if (controller.waitFor(settings.interval().toMillis(), TimeUnit.MILLISECONDS)) {
      return cycles;
    }
    proxy.takeTraffic();
    Snapshot start = Snapshot.take(controller, plane, registryPid);
    for (int i = 1; i <= settings.cycles(); i++) {
      if (controller.waitFor(settings.interval().toMillis(), TimeUnit.MILLISECONDS)) {
        return cycles;
      }
      Snapshot end = Snapshot.take(controller, plane, registryPid);
      Window cycle = Window.between(start, end, proxy.takeTraffic());
      cycles.add(cycle);
      Progress.log(
          "%s: cycle %d: %,d of %,d repositories requested, registry %s, %,d API writes %s,"
              + " CPU %.1f s controller + %.1f s kube-apiserver + %.1f s etcd, load %.2f",
          contender.title(),
          i,
          cycle.registry().repositories(),
          settings.n(),
          cycle.registry().requests(),
          cycle.api().writeCount(),
          cycle.api().writes(),
          cycle.controllerCpu(),
          cycle.apiServerCpu(),
          cycle.etcdCpu(),
          end.load1());
      start = end;
    }
    return cycles;
  }

  private void createObjects(KubernetesClient admin, Contender contender) throws Exception {
    IntStream.range(0, settings.n())
        .mapToObj(BenchImages::namespace)
        .distinct()
        .forEach(
            ns ->
                admin
                    .namespaces()
                    .resource(
                        new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                    .create());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<Void>> creates = new ArrayList<>();
      for (int i = 0; i < settings.n(); i++) {
        int index = i;
        creates.add(
            () -> {
              admin
                  .genericKubernetesResources(contender.kind())
                  .inNamespace(BenchImages.namespace(index))
                  .resource(
                      contender.object(
                          BenchImages.namespace(index),
                          BenchImages.objectName(index),
                          proxy.host(),
                          BenchImages.repository(index),
                          BenchImages.TAG,
                          settings.interval()))
                  .create();
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

  private static Optional<String> failure(Process controller, boolean allReady) {
    if (!controller.isAlive()) {
      return Optional.of("the controller exited with code " + controller.exitValue());
    }
    return allReady ? Optional.empty() : Optional.of("not all objects were ready in time");
  }

  private static void stop(Process controller) throws InterruptedException {
    if (controller == null || !controller.isAlive()) {
      return;
    }
    controller.destroy();
    if (!controller.waitFor(30, TimeUnit.SECONDS)) {
      controller.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
