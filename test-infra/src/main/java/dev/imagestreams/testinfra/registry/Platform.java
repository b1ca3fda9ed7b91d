package dev.imagestreams.testinfra.registry;

import java.util.Objects;

/**
 * The platform of an image, as in an image index entry and an image configuration.
 *
 * @param os the operating system, for example {@code linux}
 * @param architecture the CPU architecture, for example {@code amd64}
 * @param variant the CPU variant, for example {@code v8}, or {@code null}
 */
public record Platform(String os, String architecture, String variant) {

  /** {@code linux/amd64}. */
  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

  /** {@code linux/arm64/v8}. */
  public static final Platform LINUX_ARM64_V8 = new Platform("linux", "arm64", "v8");

  /** {@code unknown/unknown}: the platform of BuildKit attestation manifests. */
  public static final Platform UNKNOWN = new Platform("unknown", "unknown", null);

  /**
   * Validates the components; an empty variant becomes {@code null}.
   *
   * @param os the operating system
   * @param architecture the CPU architecture
   * @param variant the CPU variant or {@code null}
   */
  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    if (variant != null && variant.isEmpty()) {
      variant = null;
    }
  }

  /**
   * Parses {@code os/architecture[/variant]}.
   *
   * @param platform for example {@code linux/arm64/v8}
   * @return the platform
   */
  public static Platform parse(String platform) {
    String[] parts = platform.split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("expected os/architecture[/variant]: " + platform);
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /** Formats as {@code os/architecture[/variant]}. */
  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
