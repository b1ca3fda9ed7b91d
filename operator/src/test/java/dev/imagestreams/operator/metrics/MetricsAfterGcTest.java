package dev.imagestreams.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The function meters keep reading their sources after a garbage collection. Micrometer holds a
 * function meter's object weakly, and the operator binds method references that nothing else holds.
 */
class MetricsAfterGcTest {
  /** Stands for the scheduler and the event recorder: objects that live as long as the operator. */
  static final class Sources {
    int trackedTags() {
      return 5;
    }

    int trackedReferences() {
      return 2;
    }

    long dropped() {
      return 3;
    }
  }

  @Test
  void scheduleGaugesAndTheDroppedEventsCounterStillReadTheirSourcesAfterAGc() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ImportMetrics metrics = new ImportMetrics(registry);
    Sources sources = new Sources();
    // as ImageStreamOperator binds them: method references held by nobody but the metrics
    metrics.bindSchedule(sources::trackedTags, sources::trackedReferences);
    metrics.bindEvents(sources::dropped);

    collectGarbage();

    try (MetricsServer server = new MetricsServer(0, registry, () -> Health.UP, () -> Health.UP)) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body().lines())
          .contains(
              "imagestream_scheduled_tags 5.0",
              "imagestream_scheduled_references 2.0",
              "imagestream_events_dropped_total 3.0");
    }
    assertThat(sources.trackedTags()).isEqualTo(5); // the sources themselves lived on throughout
  }

  /**
   * Runs full collections until a weakly held object is gone, so weak references have been cleared.
   */
  private static void collectGarbage() {
    WeakReference<Object> canary = new WeakReference<>(new Object());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              System.gc();
              return canary.get() == null;
            });
  }
}
