package dev.imagestreams.operator.metrics;

import dev.imagestreams.engine.EngineListener;
import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.engine.imports.ImportOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The operator's own metrics (Micrometer; exposed in Prometheus format):
 *
 * <ul>
 *   <li>{@code imagestream_imports_total{result,reason,registry,scheduled}}: imports and scheduled
 *       checks by result ({@code success}, {@code failure}, {@code unchanged}) and failure reason;
 *       OpenShift's {@code openshift_imagestreamcontroller_success_count} / {@code error_count}.
 *   <li>{@code imagestream_import_duration_seconds{registry,scheduled}}: a histogram of import
 *       time.
 *   <li>{@code imagestream_registry_requests_total{registry,method,status}}: every HTTP request.
 *   <li>{@code imagestream_registry_rate_limited_total{registry}}: 429 answers.
 *   <li>{@code imagestream_scheduled_tags}, {@code imagestream_scheduled_references}: what the
 *       schedule tracks.
 *   <li>{@code imagestream_schedule_lag_seconds}: how late scheduled checks start.
 *   <li>{@code imagestream_events_dropped_total}: Events dropped under a burst.
 * </ul>
 */
public final class ImportMetrics implements EngineListener {
  private final MeterRegistry registry;

  /**
   * What the function meters read. Micrometer holds a function meter's object only weakly: a method
   * reference held by nothing else ({@code scheduler::trackedTags}) is collected and the meter
   * reads NaN. Gauges are registered with strong references; the counter's source is held here, as
   * long as these metrics live.
   */
  private final List<Supplier<Number>> sources = new CopyOnWriteArrayList<>();

  public ImportMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Registers the count of Events dropped under a burst. */
  public void bindEvents(Supplier<Number> dropped) {
    sources.add(dropped);
    FunctionCounter.builder("imagestream.events.dropped", dropped, s -> s.get().doubleValue())
        .description("Events dropped because too many were waiting to be written")
        .register(registry);
  }

  /** Registers the schedule gauges. */
  public void bindSchedule(Supplier<Number> tags, Supplier<Number> references) {
    Gauge.builder("imagestream.scheduled.tags", tags)
        .description("Scheduled tags")
        .strongReference(true)
        .register(registry);
    Gauge.builder("imagestream.scheduled.references", references)
        .description("Distinct references the schedule checks")
        .strongReference(true)
        .register(registry);
  }

  @Override
  public void imported(ImportKey key, ImportOutcome outcome, Duration duration, boolean scheduled) {
    String result = outcome == null ? "unchanged" : outcome.succeeded() ? "success" : "failure";
    String reason = outcome == null || outcome.succeeded() ? "" : outcome.failure().reason();
    Counter.builder("imagestream.imports")
        .description("Imports and scheduled checks by result")
        .tag("result", result)
        .tag("reason", reason)
        .tag("registry", key.registry())
        .tag("scheduled", Boolean.toString(scheduled))
        .register(registry)
        .increment();
    Timer.builder("imagestream.import.duration")
        .description("Time to import a reference, waiting for its registry included")
        .tag("registry", key.registry())
        .tag("scheduled", Boolean.toString(scheduled))
        .publishPercentileHistogram()
        .register(registry)
        .record(duration);
  }

  @Override
  public void onResponse(String host, String method, int status, Duration elapsed) {
    request(host, method, Integer.toString(status));
    if (status == 429) {
      Counter.builder("imagestream.registry.rate.limited")
          .description("429 answers from registries")
          .tag("registry", host)
          .register(registry)
          .increment();
    }
  }

  @Override
  public void onFailure(String host, String method, String reason) {
    request(host, method, reason);
  }

  @Override
  public void started(ImportKey key, Duration lag) {
    Timer.builder("imagestream.schedule.lag")
        .description("How late scheduled checks start")
        .publishPercentileHistogram()
        .register(registry)
        .record(lag);
  }

  private void request(String host, String method, String status) {
    Counter.builder("imagestream.registry.requests")
        .description("HTTP requests to registries")
        .tag("registry", host)
        .tag("method", method)
        .tag("status", status)
        .register(registry)
        .increment();
  }
}
