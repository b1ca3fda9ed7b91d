package dev.imagestreams.operator.triggers;

import dev.imagestreams.engine.triggers.TriggerPlan;
import dev.imagestreams.engine.triggers.TriggerPlanner;
import dev.imagestreams.engine.triggers.TriggerProblem;
import dev.imagestreams.engine.triggers.TriggerReason;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The triggers of one workload kind, level-triggered as OpenShift's controller is: a workload is
 * evaluated when it is added with the annotation (at start-up too), when its annotation or a
 * container image changes (so {@code kubectl set image} and {@code rollout undo} are put back at
 * once), and when a stream it follows changes ({@link StreamFollowers}). The plan ({@link
 * TriggerPlanner}) is written when an image string differs, its problems reported once each.
 * Workloads of privileged namespaces are never written.
 */
public abstract class WorkloadTriggerReconciler<R extends HasMetadata> implements Reconciler<R> {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadTriggerReconciler.class);

  /**
   * How soon a workload whose streams are not all in the cache yet, or whose write was stale, is
   * looked at again.
   */
  static final Duration AGAIN = Duration.ofSeconds(1);

  private final WorkloadKind kind;
  private final Triggers.Shared shared;
  private final Consumer<StreamFollowers<?>> followers;
  private final Set<String> privilegedNamespaces = ConcurrentHashMap.newKeySet();

  WorkloadTriggerReconciler(
      WorkloadKind kind, Triggers.Shared shared, Consumer<StreamFollowers<?>> followers) {
    this.kind = kind;
    this.shared = shared;
    this.followers = followers;
  }

  WorkloadKind kind() {
    return kind;
  }

  /**
   * Whether an update is worth evaluating: the annotation, or a container image of a workload with
   * the annotation, changed. {@code old} is the cache's reduced copy.
   */
  boolean changed(R updated, R old) {
    if (WorkloadKind.annotation(updated) == null && WorkloadKind.annotation(old) == null) {
      return false;
    }
    return !Objects.equals(kind.view(updated), kind.view(old));
  }

  @Override
  public List<EventSource<?, R>> prepareEventSources(EventSourceContext<R> context) {
    IndexerResourceCache<R> cache = context.getPrimaryCache();
    StreamFollowers<R> source = new StreamFollowers<>(kind, cache, shared.news()::forget);
    followers.accept(source);
    return List.of(source);
  }

  @Override
  public UpdateControl<R> reconcile(R workload, Context<R> context) {
    String namespace = workload.getMetadata().getNamespace();
    Optional<String> privileged = shared.privileged().apply(namespace);
    if (privileged.isPresent()) {
      if (privilegedNamespaces.add(namespace)) {
        LOG.info(
            "not writing the triggered images of workloads in namespace {}: {}",
            namespace,
            privileged.get());
      }
      shared
          .news()
          .problems(
              kind,
              workload,
              List.of(
                  new TriggerProblem(
                      TriggerReason.PRIVILEGED_NAMESPACE,
                      privileged.get().replace("import images", "write triggered images"))));
      return UpdateControl.noUpdate();
    }
    TriggerPlan plan = TriggerPlanner.plan(kind.view(workload), shared.streams());
    if (!shared.streamsSynced().getAsBoolean()
        && plan.problems().stream().anyMatch(p -> p.reason() == TriggerReason.STREAM_NOT_FOUND)) {
      return UpdateControl.<R>noUpdate().rescheduleAfter(AGAIN);
    }
    shared.news().problems(kind, workload, plan.problems());
    if (plan.writes().isEmpty()) {
      return UpdateControl.noUpdate();
    }
    return switch (shared.writer().write(kind, workload, plan.writes())) {
      case WRITTEN -> {
        shared.metrics().written(kind, plan.writes().size());
        shared.news().written(kind, workload, plan.writes());
        yield UpdateControl.noUpdate();
      }
      case STALE -> {
        shared.metrics().stale(kind);
        yield UpdateControl.<R>noUpdate().rescheduleAfter(AGAIN);
      }
      case GONE -> UpdateControl.noUpdate();
    };
  }
}
