package dev.imagestreams.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.importer.ExponentialBackoff;
import dev.imagestreams.engine.importer.RetryBackoffs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each {@code withX} of {@link OperatorSettings} changes its field and keeps all others. */
class SettingsTest {

  @Test
  void eachCopyChangesOneFieldAndKeepsTheOthers() {
    var meters = new SimpleMeterRegistry();
    var clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    var config = ImportConfig.defaults();
    UnaryOperator<dev.imagestreams.registry.RegistrySettings.Builder> registry = b -> b;
    var backoffs =
        new RetryBackoffs(
            new ExponentialBackoff(Duration.ofMillis(10), Duration.ofMillis(20)),
            new ExponentialBackoff(Duration.ofMillis(30), Duration.ofMillis(40)));
    var election = LeaderElection.of("pod-a");

    dev.imagestreams.operator.lookup.WebhookSettings webhook =
        new dev.imagestreams.operator.lookup.WebhookSettings(
            "127.0.0.1",
            0,
            java.util.List.of("127.0.0.1"),
            "lookup",
            dev.imagestreams.operator.lookup.WebhookSettings.BuiltIn.defaults("tls"),
            java.time.Duration.ofSeconds(1),
            1);
    OperatorSettings settings =
        OperatorSettings.of(null, "operators")
            .withConfigMapName("custom")
            .withWatchNamespaces(Set.of("team"))
            .withMeterRegistry(meters)
            .withClock(clock)
            .withFixedConfig(config)
            .withRegistrySettings(registry)
            .withReconcileThreads(3)
            .withBackoffs(backoffs)
            .withLeaderElection(election)
            .withWebhook(webhook);

    assertThat(settings)
        .isEqualTo(
            new OperatorSettings(
                null,
                "operators",
                "custom",
                Set.of("team"),
                meters,
                clock,
                config,
                registry,
                3,
                backoffs,
                Optional.of(election),
                Optional.of(webhook)));
  }
}
