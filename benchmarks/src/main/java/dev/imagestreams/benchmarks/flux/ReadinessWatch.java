package dev.imagestreams.benchmarks.flux;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Follows which objects of a kind are ready, through one watch (a poll of N objects would cost the
 * API server more than the tool under test). Closed before the cycles are measured, so its watch
 * events are not counted in them.
 */
final class ReadinessWatch implements AutoCloseable {
  private final Set<String> ready = ConcurrentHashMap.newKeySet();
  private final SharedIndexInformer<GenericKubernetesResource> informer;

  ReadinessWatch(
      KubernetesClient admin,
      ResourceDefinitionContext kind,
      Predicate<GenericKubernetesResource> isReady) {
    this.informer =
        admin
            .genericKubernetesResources(kind)
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(GenericKubernetesResource obj) {
                    update(obj);
                  }

                  @Override
                  public void onUpdate(
                      GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                    update(newObj);
                  }

                  @Override
                  public void onDelete(
                      GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                    ready.remove(key(obj));
                  }

                  private void update(GenericKubernetesResource obj) {
                    if (isReady.test(obj)) {
                      ready.add(key(obj));
                    } else {
                      ready.remove(key(obj));
                    }
                  }
                },
                0L);
  }

  int ready() {
    return ready.size();
  }

  /**
   * Waits until {@code n} objects are ready, the process exits or the timeout passes, saying how
   * far it got every half minute.
   */
  void awaitReady(int n, Duration timeout, Process controller, String name)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long nextReport = start + Duration.ofSeconds(30).toNanos();
    while (ready.size() < n) {
      if (!controller.isAlive() || System.nanoTime() > deadline) {
        return;
      }
      if (System.nanoTime() > nextReport) {
        Progress.log("%s: %,d of %,d ready after %.0f s", name, ready.size(), n, seconds(start));
        nextReport += Duration.ofSeconds(30).toNanos();
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() {
    informer.close();
  }

  private static String key(GenericKubernetesResource obj) {
    return obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
