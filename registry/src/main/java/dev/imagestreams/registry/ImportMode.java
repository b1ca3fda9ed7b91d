package dev.imagestreams.registry;

/**
 * What to record when a tag points at a manifest list or OCI index (OpenShift's {@code
 * importMode}).
 */
public enum ImportMode {
  /** Record one platform's image, chosen by the platform preferences. */
  LEGACY("Legacy"),
  /** Record the list itself, with its platforms. */
  PRESERVE_ORIGINAL("PreserveOriginal");

  private final String value;

  ImportMode(String value) {
    this.value = value;
  }

  /** The API value: {@code Legacy} or {@code PreserveOriginal}. */
  public String value() {
    return value;
  }

  /** Parses the API value; null or empty gives the fallback. */
  public static ImportMode fromValue(String value, ImportMode fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    for (ImportMode m : values()) {
      if (m.value.equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "invalid importMode \"" + value + "\": valid values are Legacy and PreserveOriginal");
  }
}
