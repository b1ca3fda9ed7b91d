package dev.imagestreams.operator.triggers;

import dev.imagestreams.engine.triggers.TriggerReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The trigger controller's metrics:
 *
 * <ul>
 *   <li>{@code imagestream_trigger_writes_total{kind}}: container images set by triggers;
 *   <li>{@code imagestream_trigger_stale_writes_total{kind}}: writes refused because the workload
 *       changed since it was read (retried from fresher data);
 *   <li>{@code imagestream_trigger_problems_total{kind,reason}}: problems reported (each once, as a
 *       Warning Event);
 *   <li>{@code imagestream_trigger_workloads_with_problems}: workloads whose triggers have a
 *       problem now.
 * </ul>
 */
final class TriggerMetrics {
  private final MeterRegistry registry;

  TriggerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void bindWorkloadsWithProblems(Supplier<Number> count) {
    Gauge.builder("imagestream.trigger.workloads.with.problems", count)
        .description("Workloads whose image change triggers have a problem now")
        .strongReference(true)
        .register(registry);
  }

  void written(WorkloadKind kind, int images) {
    Counter.builder("imagestream.trigger.writes")
        .description("Container images set by image change triggers")
        .tag("kind", kind.kind())
        .register(registry)
        .increment(images);
  }

  void stale(WorkloadKind kind) {
    Counter.builder("imagestream.trigger.stale.writes")
        .description("Trigger writes refused because the workload changed since it was read")
        .tag("kind", kind.kind())
        .register(registry)
        .increment();
  }

  void problem(WorkloadKind kind, TriggerReason reason) {
    Counter.builder("imagestream.trigger.problems")
        .description("Image change trigger problems reported, each once")
        .tag("kind", kind.kind())
        .tag("reason", reason.wire())
        .register(registry)
        .increment();
  }
}
