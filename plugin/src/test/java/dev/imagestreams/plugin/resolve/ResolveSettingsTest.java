package dev.imagestreams.plugin.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.registry.reference.ImageReference;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolveSettingsTest {

  @Test
  void withoutFlagsItIsTheOperatorsDefaultConfiguration() throws Exception {
    assertThat(ResolveSettings.config(List.of())).isEqualTo(ImportConfig.defaults());
  }

  @Test
  void insecureRegistriesAreAddedAndNothingElseChanges() throws Exception {
    ImportConfig config = ResolveSettings.config(List.of("127.0.0.1:5000", "*.corp.example"));

    assertThat(
            config
                .registrySources()
                .insecureRegistries()
                .match(ImageReference.parse("127.0.0.1:5000/a:1")))
        .isPresent();
    assertThat(
            config
                .registrySources()
                .insecureRegistries()
                .match(ImageReference.parse("r.corp.example/a:1")))
        .isPresent();
    assertThat(
            config
                .registrySources()
                .insecureRegistries()
                .match(ImageReference.parse("quay.io/a:1")))
        .isEmpty();
    assertThat(config)
        .usingRecursiveComparison()
        .ignoringFields("registrySources.insecureRegistries")
        .isEqualTo(ImportConfig.defaults());
  }

  @Test
  void aMalformedHostIsNamed() throws Exception {
    assertThatThrownBy(() -> ResolveSettings.config(List.of("https://quay.io")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(
            "--insecure-registry: invalid registry pattern \"https://quay.io\"");
  }
}
