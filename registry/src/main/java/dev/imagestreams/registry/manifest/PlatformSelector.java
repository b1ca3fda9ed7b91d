package dev.imagestreams.registry.manifest;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the one image of a manifest list that {@code importMode: Legacy} imports: the first entry
 * accepted by the first preference that any entry satisfies, else the {@code linux/amd64} entry
 * (OpenShift's default, applied here so that no caller has to add it), else the first image entry.
 * Attestation entries are never chosen.
 *
 * <p>The operator passes, in order: the tag's {@code importer.image.openshift.io/prefer-arch} and
 * {@code prefer-os} annotations, then the configured default platform.
 */
public final class PlatformSelector {
  private PlatformSelector() {}

  /**
   * Selects an entry.
   *
   * @param list the manifest list
   * @param preferences the preferences, most wanted first; {@code linux/amd64} is tried after them
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
    List<PlatformPreference> wanted = new ArrayList<>(preferences);
    wanted.add(PlatformPreference.LINUX_AMD64);
    for (PlatformPreference preference : wanted) {
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
