package dev.imagestreams.operator;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.importer.RetryBackoffs;
import dev.imagestreams.operator.config.ConfigSource;
import dev.imagestreams.operator.lookup.WebhookSettings;
import dev.imagestreams.registry.RegistrySettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * How the operator runs: its cluster, configuration and tuning.
 *
 * @param client the Kubernetes client
 * @param operatorNamespace where the configuration ConfigMap lives
 * @param configMapName the configuration ConfigMap's name
 * @param watchNamespaces the namespaces to watch; empty for all
 * @param meterRegistry where metrics go
 * @param clock the clock
 * @param fixedConfig a configuration to use instead of the ConfigMap (tests, benchmarks), or null
 * @param registrySettings adjusts the registry client settings (tests, benchmarks)
 * @param reconcileThreads JOSDK reconciliation threads
 * @param backoffs the retry schedule of failed tags and the backoff of failing hosts (tests shorten
 *     them)
 * @param leaderElection leader election through a Lease, or empty for a single replica that always
 *     leads
 * @param webhook the image lookup webhook, or empty for none
 */
public record OperatorSettings(
    KubernetesClient client,
    String operatorNamespace,
    String configMapName,
    Set<String> watchNamespaces,
    MeterRegistry meterRegistry,
    Clock clock,
    ImportConfig fixedConfig,
    UnaryOperator<RegistrySettings.Builder> registrySettings,
    int reconcileThreads,
    RetryBackoffs backoffs,
    Optional<LeaderElection> leaderElection,
    Optional<WebhookSettings> webhook) {

  public static OperatorSettings of(KubernetesClient client, String operatorNamespace) {
    return new OperatorSettings(
        client,
        operatorNamespace,
        ConfigSource.DEFAULT_NAME,
        Set.of(),
        new SimpleMeterRegistry(),
        Clock.systemUTC(),
        null,
        UnaryOperator.identity(),
        50,
        RetryBackoffs.DEFAULT,
        Optional.empty(),
        Optional.empty());
  }

  public OperatorSettings withWebhook(WebhookSettings w) {
    return copy(c -> c.webhook = Optional.of(w));
  }

  public OperatorSettings withBackoffs(RetryBackoffs b) {
    return copy(c -> c.backoffs = b);
  }

  public OperatorSettings withMeterRegistry(MeterRegistry r) {
    return copy(c -> c.meterRegistry = r);
  }

  public OperatorSettings withClock(Clock clock) {
    return copy(c -> c.clock = clock);
  }

  public OperatorSettings withFixedConfig(ImportConfig config) {
    return copy(c -> c.fixedConfig = config);
  }

  public OperatorSettings withRegistrySettings(UnaryOperator<RegistrySettings.Builder> r) {
    return copy(c -> c.registrySettings = r);
  }

  public OperatorSettings withWatchNamespaces(Set<String> namespaces) {
    return copy(c -> c.watchNamespaces = namespaces);
  }

  public OperatorSettings withConfigMapName(String name) {
    return copy(c -> c.configMapName = name);
  }

  public OperatorSettings withLeaderElection(LeaderElection election) {
    return copy(c -> c.leaderElection = Optional.of(election));
  }

  public OperatorSettings withReconcileThreads(int threads) {
    return copy(c -> c.reconcileThreads = threads);
  }

  /** A copy with the fields {@code change} sets; every other field is kept. */
  private OperatorSettings copy(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.settings();
  }

  /** The fields of a {@link OperatorSettings} being copied, one place that names them all. */
  private static final class Copy {
    private final KubernetesClient client;
    private final String operatorNamespace;
    String configMapName;
    Set<String> watchNamespaces;
    MeterRegistry meterRegistry;
    Clock clock;
    ImportConfig fixedConfig;
    UnaryOperator<RegistrySettings.Builder> registrySettings;
    int reconcileThreads;
    RetryBackoffs backoffs;
    Optional<LeaderElection> leaderElection;
    Optional<WebhookSettings> webhook;

    Copy(OperatorSettings s) {
      client = s.client;
      operatorNamespace = s.operatorNamespace;
      configMapName = s.configMapName;
      watchNamespaces = s.watchNamespaces;
      meterRegistry = s.meterRegistry;
      clock = s.clock;
      fixedConfig = s.fixedConfig;
      registrySettings = s.registrySettings;
      reconcileThreads = s.reconcileThreads;
      backoffs = s.backoffs;
      leaderElection = s.leaderElection;
      webhook = s.webhook;
    }

    OperatorSettings settings() {
      return new OperatorSettings(
          client,
          operatorNamespace,
          configMapName,
          watchNamespaces,
          meterRegistry,
          clock,
          fixedConfig,
          registrySettings,
          reconcileThreads,
          backoffs,
          leaderElection,
          webhook);
    }
  }
}
