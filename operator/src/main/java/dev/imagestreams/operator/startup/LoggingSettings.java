package dev.imagestreams.operator.startup;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code LOG_FORMAT} ({@code text}, the default, or {@code json}) and {@code LOG_LEVEL} ({@code
 * trace} to {@code error}, default {@code info}), checked before logging starts: the logging
 * library would otherwise drop every line for an unknown format, or fall back silently for an
 * unknown level.
 */
public final class LoggingSettings {
  static final Set<String> FORMATS = Set.of("text", "json");
  static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");

  private LoggingSettings() {}

  /** What is wrong with the logging settings of the environment, if anything. */
  public static Optional<String> problem(Map<String, String> env) {
    String format = env.get("LOG_FORMAT");
    if (format != null && !FORMATS.contains(format)) {
      return Optional.of("LOG_FORMAT=" + format + " is not a log format: use text or json");
    }
    String level = env.get("LOG_LEVEL");
    if (level != null && !LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
      return Optional.of(
          "LOG_LEVEL=" + level + " is not a log level: use trace, debug, info, warn or error");
    }
    return Optional.empty();
  }
}
