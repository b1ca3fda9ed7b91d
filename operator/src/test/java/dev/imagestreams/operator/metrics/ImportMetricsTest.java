package dev.imagestreams.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.imports.ImportFailure;
import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.engine.imports.ImportOutcome;
import dev.imagestreams.registry.ImportMode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metric names docs/operations.md documents, as Prometheus sees them. */
class ImportMetricsTest {
  @Test
  void exposesTheDocumentedMetrics() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ImportMetrics metrics = new ImportMetrics(registry);
    ImportKey key =
        new ImportKey("quay.io/a/b:1", "quay.io", ImportMode.LEGACY, List.of(), false, "anonymous");
    metrics.bindSchedule(() -> 5, () -> 2);
    metrics.bindEvents(() -> 3);
    metrics.imported(
        key,
        ImportOutcome.failure(ImportFailure.permanent("NotFound", "x"), Instant.EPOCH),
        Duration.ofMillis(20),
        false);
    metrics.imported(key, null, Duration.ofMillis(2), true);
    metrics.onResponse("quay.io", "HEAD", 429, Duration.ofMillis(3));
    metrics.onFailure("quay.io", "GET", "timeout");
    metrics.started(key, Duration.ofSeconds(4));

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "imagestream_imports_total{reason=\"NotFound\",registry=\"quay.io\",result=\"failure\",scheduled=\"false\"} 1.0")
        .contains(
            "imagestream_imports_total{reason=\"\",registry=\"quay.io\",result=\"unchanged\",scheduled=\"true\"} 1.0")
        .contains(
            "imagestream_import_duration_seconds_bucket{registry=\"quay.io\",scheduled=\"false\"")
        .contains(
            "imagestream_registry_requests_total{method=\"HEAD\",registry=\"quay.io\",status=\"429\"} 1.0")
        .contains(
            "imagestream_registry_requests_total{method=\"GET\",registry=\"quay.io\",status=\"timeout\"} 1.0")
        .contains("imagestream_registry_rate_limited_total{registry=\"quay.io\"} 1.0")
        .contains("imagestream_scheduled_tags 5.0")
        .contains("imagestream_scheduled_references 2.0")
        .contains("imagestream_schedule_lag_seconds_count 1")
        .contains("imagestream_events_dropped_total 3.0");
  }
}
