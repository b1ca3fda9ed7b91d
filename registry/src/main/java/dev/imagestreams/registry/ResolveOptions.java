package dev.imagestreams.registry;

import dev.imagestreams.registry.manifest.PlatformPreference;
import java.util.List;

/**
 * How to resolve a reference that may point at a manifest list.
 *
 * @param importMode keep the list or pick one platform
 * @param platformPreferences for {@link ImportMode#LEGACY}: the wished-for platforms, most wanted
 *     first; the first image entry is taken when none matches
 */
public record ResolveOptions(ImportMode importMode, List<PlatformPreference> platformPreferences) {
  public ResolveOptions {
    platformPreferences = List.copyOf(platformPreferences);
  }

  /** Legacy mode preferring linux/amd64, the OpenShift default. */
  public static ResolveOptions defaults() {
    return new ResolveOptions(ImportMode.LEGACY, List.of(PlatformPreference.LINUX_AMD64));
  }

  public static ResolveOptions preserveOriginal() {
    return new ResolveOptions(ImportMode.PRESERVE_ORIGINAL, List.of());
  }
}
