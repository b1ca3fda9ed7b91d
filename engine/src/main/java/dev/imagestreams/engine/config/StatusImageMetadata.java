package dev.imagestreams.engine.config;

/**
 * How much of each tag's current image {@code status.images} keeps ({@code statusImageMetadata}).
 */
public enum StatusImageMetadata {
  /**
   * Identity, creation time, author, platform, size and a list's platforms: what {@code kubectl
   * get}, {@code describe is} and the platforms need. The rest is read from the registry by digest
   * when a user asks for it.
   */
  SUMMARY("Summary"),
  /** Also the config (environment, labels, command, ports, volumes) and the layers. */
  FULL("Full");

  private final String value;

  StatusImageMetadata(String value) {
    this.value = value;
  }

  /** The configuration value: {@code Summary} or {@code Full}. */
  public String value() {
    return value;
  }

  /** Parses the configuration value. */
  public static StatusImageMetadata parse(String value) {
    for (StatusImageMetadata level : values()) {
      if (level.value.equals(value)) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "invalid value \"" + value + "\": valid values are Summary and Full");
  }
}
