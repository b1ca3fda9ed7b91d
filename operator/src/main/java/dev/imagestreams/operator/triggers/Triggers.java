package dev.imagestreams.operator.triggers;

import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.planning.StreamLookup;
import dev.imagestreams.operator.events.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The image change trigger controller: one reconciler per workload kind, the stream changes fanned
 * out to the workloads that follow the stream, and what they share (the writer, the Events, the
 * metrics). Wiring only.
 */
public final class Triggers {
  /** The page size of the workload informers' lists, which bounds a list's memory. */
  static final long LIST_LIMIT = 500;

  /** OpenShift retries a workload forever, backing off to 30 s; so does this controller. */
  static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(30);

  private final Shared shared;
  private final List<StreamFollowers<?>> followers = new CopyOnWriteArrayList<>();

  /**
   * What the reconcilers of all kinds share.
   *
   * @param streams the streams, from the ImageStream informer's cache
   * @param privileged why the operator does not act in a namespace, or empty
   * @param streamsSynced whether that cache holds every stream yet (a stream missing before then is
   *     not reported as missing)
   * @param writer writes the images
   * @param news reports problems and writes as Events, each problem once
   * @param metrics counts them
   */
  record Shared(
      StreamLookup streams,
      Function<String, Optional<String>> privileged,
      BooleanSupplier streamsSynced,
      ImageWriter writer,
      TriggerNews news,
      TriggerMetrics metrics) {}

  public Triggers(
      KubernetesClient client,
      StreamLookup streams,
      Function<String, Optional<String>> privileged,
      BooleanSupplier streamsSynced,
      EventRecorder recorder,
      MeterRegistry meters) {
    TriggerMetrics metrics = new TriggerMetrics(meters);
    this.shared =
        new Shared(
            streams,
            privileged,
            streamsSynced,
            new ImageWriter(client),
            new TriggerNews(recorder, metrics),
            metrics);
  }

  /** Registers a reconciler per kind with the operator (before it starts). */
  public void register(Operator operator, Set<String> watchNamespaces) {
    register(operator, new DeploymentTriggers(shared, followers::add), watchNamespaces);
    register(operator, new StatefulSetTriggers(shared, followers::add), watchNamespaces);
    register(operator, new DaemonSetTriggers(shared, followers::add), watchNamespaces);
    register(operator, new CronJobTriggers(shared, followers::add), watchNamespaces);
  }

  /** Re-evaluates the workloads that follow the stream. */
  public void streamChanged(StreamId stream) {
    followers.forEach(f -> f.streamChanged(stream));
  }

  private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> void register(
      Operator operator, WorkloadTriggerReconciler<R> reconciler, Set<String> watchNamespaces) {
    WorkloadKind kind = reconciler.kind();
    operator.register(
        reconciler,
        o -> {
          o.withName(kind.plural() + "-triggers")
              .withGenerationAware(false)
              .withOnAddFilter(r -> WorkloadKind.annotation(r) != null)
              .withOnUpdateFilter((updated, old) -> reconciler.changed(updated, old))
              .withInformerListLimit(LIST_LIMIT)
              .withReconciliationMaxInterval(null)
              .withRetry(
                  new GenericRetry()
                      .withoutMaxAttempts()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setIntervalMultiplier(2)
                      .setMaxInterval(MAX_RETRY_INTERVAL.toMillis()));
          if (watchNamespaces.size() > 1) {
            // JOSDK shares one item store among the informers of several namespaces, whose
            // relists would drop each other's items: keep whole objects there
            o.settingNamespaces(watchNamespaces);
          } else {
            if (!watchNamespaces.isEmpty()) {
              o.settingNamespaces(watchNamespaces);
            }
            @SuppressWarnings("unchecked")
            TransformingItemStore<R> store = new TransformingItemStore<>(r -> (R) kind.prune(r));
            o.withItemStore(store);
          }
        });
  }
}
