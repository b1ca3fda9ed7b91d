package dev.imagestreams.registry.manifest;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import java.util.List;

/**
 * Chooses the one image of a manifest list that {@code importMode: Legacy} imports: the first entry
 * accepted by the first preference that any entry satisfies, else the first image entry.
 * Attestation entries are never chosen.
 *
 * <p>The operator passes, in order: the tag's {@code importer.image.openshift.io/prefer-arch} and
 * {@code prefer-os} annotations, the configured default platform, then {@code linux/amd64}.
 */
public final class PlatformSelector {
  private PlatformSelector() {}

  /**
   * Selects an entry.
   *
   * @param list the manifest list
   * @param preferences the preferences, most wanted first
   * @param where the reference, for messages
   * @throws RegistryException of kind {@link ErrorKind#INVALID_MANIFEST} if the list has no image
   */
  public static PlatformManifest select(
      ManifestList list, List<PlatformPreference> preferences, String where)
      throws RegistryException {
    List<PlatformManifest> images = list.images();
    if (images.isEmpty()) {
      throw RegistryException.of(
          ErrorKind.INVALID_MANIFEST,
          "manifest list of " + where + " contains no image for any platform");
    }
    for (PlatformPreference preference : preferences) {
      if (preference == null || preference.isEmpty()) {
        continue;
      }
      for (PlatformManifest image : images) {
        if (preference.accepts(image.platform())) {
          return image;
        }
      }
    }
    return images.get(0);
  }
}
