package dev.imagestreams.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.registry.http.MinimumBodyRate;
import dev.imagestreams.registry.http.TransientRetries;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The defaults docs/imports.md promises for failures within an import. */
class RegistrySettingsTest {
  @Test
  void oneImportHasThirtySecondsTwoRetriesFromAQuarterSecondAndBodiesOfAtLeastOneKibPerSecond() {
    RegistrySettings defaults = RegistrySettings.builder().build();
    assertThat(defaults.importDeadline()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.transientRetries())
        .isEqualTo(new TransientRetries(2, Duration.ofMillis(250), Duration.ofSeconds(5)));
    assertThat(defaults.minimumBodyRate())
        .isEqualTo(new MinimumBodyRate(1024, Duration.ofSeconds(5)));
    assertThat(defaults.toBuilder().build()).isEqualTo(defaults);
  }
}
