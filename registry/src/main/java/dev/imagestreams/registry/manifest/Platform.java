package dev.imagestreams.registry.manifest;

import java.util.Locale;
import java.util.Objects;

/**
 * An operating system, CPU architecture and optional variant, such as {@code linux/arm64/v8}.
 *
 * <p>{@link #normalized()} applies the usual aliases so platforms compare as users expect: {@code
 * x86_64} is {@code amd64}, {@code aarch64} is {@code arm64}, {@code arm64} and {@code arm64/v8}
 * are the same platform, and {@code arm} without a variant means {@code arm/v7}.
 */
public record Platform(String os, String architecture, String variant) {

  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    if (variant != null && variant.isEmpty()) {
      variant = null;
    }
  }

  /**
   * Parses {@code os/arch[/variant]}.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static Platform parse(String value) {
    String[] parts = value == null ? new String[0] : value.trim().split("/", -1);
    if (parts.length < 2
        || parts.length > 3
        || parts[0].isEmpty()
        || parts[1].isEmpty()
        || (parts.length == 3 && parts[2].isEmpty())) {
      throw new IllegalArgumentException(
          "invalid platform \""
              + value
              + "\": expected os/architecture[/variant], e.g. linux/arm64/v8");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /** The platform with aliases resolved and default variants made explicit, for comparison. */
  public Platform normalized() {
    String o = os.toLowerCase(Locale.ROOT);
    String a = architecture.toLowerCase(Locale.ROOT);
    String v = variant == null ? null : variant.toLowerCase(Locale.ROOT);
    switch (a) {
      case "x86_64", "x86-64" -> a = "amd64";
      case "i386", "i686" -> a = "386";
      case "aarch64" -> a = "arm64";
      case "armhf" -> {
        a = "arm";
        v = v == null ? "v7" : v;
      }
      case "armel" -> {
        a = "arm";
        v = v == null ? "v6" : v;
      }
      default -> {}
    }
    if (v != null && v.matches("[0-9]+")) {
      v = "v" + v;
    }
    if (a.equals("arm64") && v == null) {
      v = "v8";
    }
    if (a.equals("arm") && v == null) {
      v = "v7";
    }
    return new Platform(o, a, v);
  }

  /** Whether both platforms are the same after normalisation. */
  public boolean matches(Platform other) {
    return normalized().equals(other.normalized());
  }

  @Override
  public String toString() {
    return variant == null ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
  }
}
