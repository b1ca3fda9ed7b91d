package dev.imagestreams.registry.manifest;

import java.util.Locale;

/**
 * A wished-for platform in which any part may be left open: {@code prefer-arch: arm64} alone
 * accepts arm64 on any operating system.
 *
 * @param os the operating system, or null for any
 * @param architecture the architecture, or null for any
 * @param variant the variant, or null for any
 */
public record PlatformPreference(String os, String architecture, String variant) {

  public static final PlatformPreference LINUX_AMD64 = of(Platform.LINUX_AMD64);

  public PlatformPreference {
    os = blankToNull(os);
    architecture = blankToNull(architecture);
    variant = blankToNull(variant);
  }

  /** A preference for exactly this platform (its variant, if any, included). */
  public static PlatformPreference of(Platform platform) {
    return new PlatformPreference(platform.os(), platform.architecture(), platform.variant());
  }

  /** Whether the preference leaves everything open. */
  public boolean isEmpty() {
    return os == null && architecture == null && variant == null;
  }

  /** Whether the platform satisfies every part this preference sets, after normalisation. */
  public boolean accepts(Platform platform) {
    Platform candidate = platform.normalized();
    Platform wanted =
        new Platform(
                os == null ? candidate.os() : os,
                architecture == null ? candidate.architecture() : architecture,
                variant)
            .normalized();
    if (!wanted.os().equals(candidate.os())
        || !wanted.architecture().equals(candidate.architecture())) {
      return false;
    }
    return variant == null
        || wanted.variant() == null
        || wanted.variant().equals(candidate.variant());
  }

  @Override
  public String toString() {
    String o = os == null ? "*" : os;
    String a = architecture == null ? "*" : architecture;
    return variant == null ? o + "/" + a : o + "/" + a + "/" + variant.toLowerCase(Locale.ROOT);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
