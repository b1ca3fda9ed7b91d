package dev.imagestreams.operator.triggers;

import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.triggers.TriggerPlanner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.List;
import java.util.function.Consumer;

/**
 * Re-evaluates the workloads of one kind that follow a stream when the stream changes: the workload
 * cache is indexed by the streams each workload's triggers follow ({@link #FOLLOWS_INDEX}), so no
 * map is kept by hand. It also forgets a deleted workload's reported problems.
 */
final class StreamFollowers<R extends HasMetadata> extends SimpleInboundEventSource<R>
    implements ResourceEventAware<R> {
  /** The workload cache's index by followed stream ({@code namespace/name}). */
  static final String FOLLOWS_INDEX = "follows-streams";

  private final IndexerResourceCache<R> workloads;
  private final Consumer<String> forget;

  /**
   * @param kind the workload kind
   * @param workloads the primary cache, not started yet: it is indexed here
   * @param forget forgets a deleted workload's reported problems, by uid
   */
  StreamFollowers(WorkloadKind kind, IndexerResourceCache<R> workloads, Consumer<String> forget) {
    super(kind.plural() + "-stream-followers");
    this.workloads = workloads;
    this.forget = forget;
    workloads.addIndexer(FOLLOWS_INDEX, StreamFollowers::followed);
  }

  /** Re-evaluates the workloads that follow the stream. */
  void streamChanged(StreamId stream) {
    workloads
        .byIndex(FOLLOWS_INDEX, stream.toString())
        .forEach(w -> propagateEvent(ResourceID.fromResource(w)));
  }

  @Override
  public void onResourceDeleted(R resource) {
    forget.accept(resource.getMetadata().getUid());
  }

  static List<String> followed(HasMetadata workload) {
    return TriggerPlanner.followed(
            workload.getMetadata().getNamespace(), WorkloadKind.annotation(workload))
        .stream()
        .map(StreamId::toString)
        .toList();
  }
}
