package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.engine.config.InvalidConfigException;
import dev.imagestreams.engine.testing.LogCapture;
import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.operator.OperatorSettings;
import dev.imagestreams.operator.config.ConfigSource;
import dev.imagestreams.testinfra.MockApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The configuration ConfigMap: checked at start-up, watched afterwards. */
class ConfigMapIT {
  private static final String NAMESPACE = "imagestream-operator";
  private MockApiServer api;

  @BeforeEach
  void start() {
    api = new MockApiServer();
    api.testClient()
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private void apply(String yaml) {
    applyData(Map.of(ConfigSource.KEY, yaml));
  }

  /** Whether the operator's configuration blocks evil.example.com. */
  private static boolean blocksEvil(ImageStreamOperator operator) {
    return operator.config().registrySources().blockedRegistries().matchesHost("evil.example.com");
  }

  /** Deletes the ConfigMap and waits until the operator is back on the default history limit. */
  private void deleteAndAwaitDefaults(ImageStreamOperator operator) {
    api.testClient()
        .configMaps()
        .inNamespace(NAMESPACE)
        .withName("imagestream-operator-config")
        .delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> operator.config().historyLimit() == 10);
  }

  /** Creates or replaces the configuration ConfigMap with exactly this data. */
  private void applyData(Map<String, String> data) {
    ConfigMap map =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withNamespace(NAMESPACE)
            .withName("imagestream-operator-config")
            .endMetadata()
            .withData(data)
            .build();
    api.testClient()
        .resource(map)
        .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
  }

  private OperatorSettings settings() {
    return OperatorSettings.of(api.client(), NAMESPACE);
  }

  @Test
  void anInvalidConfigurationStopsStartUpNamingTheKey() {
    apply("imageImport:\n  maxScheduledImageImportsPerMinute: zero\n");
    assertThatThrownBy(() -> new ImageStreamOperator(settings()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("imageImport.maxScheduledImageImportsPerMinute: must be an integer");
  }

  @Test
  void validChangesApplyWithoutARestartAndInvalidOnesAreIgnored() throws Exception {
    apply("historyLimit: 5\n");
    try (ImageStreamOperator operator = new ImageStreamOperator(settings())) {
      operator.start();
      assertThat(operator.config().historyLimit()).isEqualTo(5);

      apply("historyLimit: 7\nimageImport: {scheduledImageImportMinimumIntervalSeconds: 60}\n");
      await().atMost(Duration.ofSeconds(30)).until(() -> operator.config().historyLimit() == 7);
      assertThat(operator.config().imageImport().scheduledInterval())
          .isEqualTo(Duration.ofSeconds(60));

      apply("historyLimit: -3\n");
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(() -> operator.config().historyLimit() == 7);

      deleteAndAwaitDefaults(operator);
    }
  }

  @Test
  void aConfigMapWithoutTheConfigKeyStopsStartUpNamingTheKeysFound() {
    applyData(Map.of("config.yml", "registrySources:\n  blockedRegistries: [evil.example.com]\n"));
    assertThatThrownBy(() -> new ImageStreamOperator(settings()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "ConfigMap imagestream-operator/imagestream-operator-config has no key \"config.yaml\" (keys found: \"config.yml\")");
  }

  @Test
  void aMisspelledKeyKeepsTheLastValidConfigurationAndLogsTheKeysFound() throws Exception {
    String yaml =
        "registrySources:\n  blockedRegistries: [evil.example.com]\nprivilegedNamespaces: [platform-system]\n";
    apply(yaml);
    try (LogCapture log = LogCapture.of(ConfigSource.class);
        ImageStreamOperator operator = new ImageStreamOperator(settings())) {
      operator.start();
      applyData(Map.of("config.yml", yaml));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  log.messages("ERROR").stream()
                      .anyMatch(
                          m ->
                              m.contains(
                                  "has no key \"config.yaml\" (keys found: \"config.yml\")")));
      assertThat(blocksEvil(operator)).as("blocked registries kept").isTrue();
      assertThat(operator.config().privilegedNamespaces().names())
          .as("privileged namespaces kept")
          .containsExactly("platform-system");

      applyData(Map.of());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> log.messages("ERROR").stream().anyMatch(m -> m.contains("(it has no keys)")));
      assertThat(blocksEvil(operator)).isTrue();
      assertThat(log.messages("INFO"))
          .as("nothing was applied")
          .noneMatch(m -> m.contains("applying it"));
    }
  }

  @Test
  void onlyAMissingConfigMapMeansTheDefaultsAndThatIsLoggedOnceWithItsName() throws Exception {
    try (LogCapture log = LogCapture.of(ConfigSource.class);
        ImageStreamOperator operator = new ImageStreamOperator(settings())) {
      operator.start();
      assertThat(operator.config())
          .isEqualTo(dev.imagestreams.engine.config.ImportConfig.defaults());
      String missing =
          "ConfigMap imagestream-operator/imagestream-operator-config not found; using the default configuration";
      assertThat(log.messages("INFO")).containsExactly(missing);

      apply("historyLimit: 5\n");
      await().atMost(Duration.ofSeconds(30)).until(() -> operator.config().historyLimit() == 5);
      deleteAndAwaitDefaults(operator);
      assertThat(log.messages("INFO"))
          .filteredOn(m -> m.contains("not found"))
          .as("once each time it goes missing")
          .containsExactly(missing, missing);
      assertThat(log.messages("INFO"))
          .filteredOn(m -> m.contains("applying it"))
          .as("the ConfigMap's change only")
          .hasSize(1);
    }
  }
}
