package dev.imagestreams.plugin.resolve;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** What {@code -o} prints: the streams with their status as YAML or JSON, or a table of tags. */
public enum OutputFormat {
  YAML,
  JSON,
  TABLE;

  /** The value as written on the command line. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The values as written on the command line, for completion and help. */
  public static final class Values extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    public Values() {
      super(Arrays.stream(values()).map(OutputFormat::value).toList());
    }
  }

  /** Parses {@code yaml}, {@code json} or {@code table}, in any case. */
  public static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      for (OutputFormat format : values()) {
        if (format.value().equalsIgnoreCase(value.trim())) {
          return format;
        }
      }
      throw new CommandLine.TypeConversionException(
          "unknown output format \""
              + value
              + "\": expected one of "
              + Arrays.stream(values()).map(OutputFormat::value).collect(Collectors.joining(", ")));
    }
  }
}
