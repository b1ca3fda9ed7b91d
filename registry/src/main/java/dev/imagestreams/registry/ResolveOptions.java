package dev.imagestreams.registry;

import dev.imagestreams.registry.manifest.PlatformPreference;
import java.util.List;

/**
 * How to resolve a reference that may point at a manifest list.
 *
 * @param importMode keep the list or pick one platform
 * @param platformPreferences for {@link ImportMode#LEGACY}: the wished-for platforms, most wanted
 *     first; when none matches, {@code linux/amd64}, else the first image entry (see {@link
 *     dev.imagestreams.registry.manifest.PlatformSelector})
 */
public record ResolveOptions(ImportMode importMode, List<PlatformPreference> platformPreferences) {
  public ResolveOptions {
    platformPreferences = List.copyOf(platformPreferences);
  }

  /** Legacy mode with no wish of the caller's: linux/amd64, the OpenShift default. */
  public static ResolveOptions defaults() {
    return new ResolveOptions(ImportMode.LEGACY, List.of());
  }

  public static ResolveOptions preserveOriginal() {
    return new ResolveOptions(ImportMode.PRESERVE_ORIGINAL, List.of());
  }
}
