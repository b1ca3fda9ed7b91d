package dev.imagestreams.registry.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How platforms and platform preferences read in messages, and the arm aliases' variants. */
class PlatformValuesTest {

  @ParameterizedTest(name = "{0}/{1}/{2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # os     | architecture | variant | shown       | leaves everything open
          -        | -            | -       | */*         | true
          ' '      | ''           | ' '     | */*         | true
          linux    | -            | -       | linux/*     | false
          -        | arm64        | -       | */arm64     | false
          -        | -            | V8      | */*/v8      | false
          linux    | arm          | v7      | linux/arm/v7| false
          """)
  void aPreferenceShowsItsOpenPartsAsStars(
      String os, String architecture, String variant, String shown, boolean open) {
    PlatformPreference preference = new PlatformPreference(os, architecture, variant);
    assertThat(preference.toString()).isEqualTo(shown);
    assertThat(preference.isEmpty()).isEqualTo(open);
  }

  @ParameterizedTest(name = "{0}/{1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # architecture | variant | normalized
          armhf          | -       | linux/arm/v7
          armhf          | v6      | linux/arm/v6
          armel          | -       | linux/arm/v6
          armel          | 7       | linux/arm/v7
          aarch64        | -       | linux/arm64/v8
          """)
  void armAliasesGetTheirDefaultVariantOnlyWhenNoneIsGiven(
      String architecture, String variant, String normalized) {
    assertThat(new Platform("linux", architecture, variant).normalized())
        .isEqualTo(Platform.parse(normalized));
  }
}
