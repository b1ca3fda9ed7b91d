package dev.imagestreams.engine.config;

/**
 * The checks the configuration's constructors make, each failing with an {@link InvalidValue} that
 * names the key; {@link ConfigErrors} puts the path of the section in front.
 */
final class Check {
  private Check() {}

  /** A value that breaks its key's rule. */
  static final class InvalidValue extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final String problem;

    InvalidValue(String key, String problem) {
      super(key + ": " + problem);
      this.key = key;
      this.problem = problem;
    }

    String key() {
      return key;
    }

    String problem() {
      return problem;
    }
  }

  static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  static <T> T required(String key, T value) {
    if (value == null) {
      throw new InvalidValue(key, "is required");
    }
    return value;
  }

  static int between(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidValue(key, "must be between " + min + " and " + max);
    }
    return value;
  }

  static long atLeast(String key, long value, long min) {
    if (value < min) {
      throw new InvalidValue(key, "must be at least " + min);
    }
    return value;
  }

  /** A cap: -1 for none, else within the bounds. */
  static int noCapOrBetween(String key, int value, int min, int max) {
    if (value != -1 && (value < min || value > max)) {
      throw new InvalidValue(key, "must be -1 (no cap) or between " + min + " and " + max);
    }
    return value;
  }

  static double positive(String key, double value) {
    if (!(value > 0)) {
      throw new InvalidValue(key, "must be a positive number");
    }
    return value;
  }
}
