package dev.imagestreams.operator.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoggingSettingsTest {
  @Test
  void textAndJsonAndTheFiveLevelsAreAccepted() {
    assertThat(LoggingSettings.problem(Map.of())).isEmpty();
    assertThat(LoggingSettings.problem(Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "DEBUG")))
        .isEmpty();
    assertThat(LoggingSettings.problem(Map.of("LOG_FORMAT", "text", "LOG_LEVEL", "warn")))
        .isEmpty();
  }

  @Test
  void anythingElseIsRefusedNamingTheVariable() {
    assertThat(LoggingSettings.problem(Map.of("LOG_FORMAT", "JSON")))
        .hasValue("LOG_FORMAT=JSON is not a log format: use text or json");
    assertThat(LoggingSettings.problem(Map.of("LOG_LEVEL", "verbose")))
        .hasValue("LOG_LEVEL=verbose is not a log level: use trace, debug, info, warn or error");
  }
}
