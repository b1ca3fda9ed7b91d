package dev.imagestreams.plugin.imports;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as kubectl spells them: {@code 90s}, {@code 2m}, {@code 1h}. */
public final class Durations implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    if (value.matches("\\d+(ms|s|m|h)")) {
      long n = Long.parseLong(value.replaceAll("\\D", ""));
      return switch (value.replaceAll("\\d", "")) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    throw new TypeConversionException("'" + value + "' is not a duration such as 30s, 2m or 1h");
  }
}
