package dev.imagestreams.registry.manifest;

import java.util.List;

/**
 * A Docker manifest list or OCI image index.
 *
 * @param mediaType the list media type
 * @param manifests every entry, attestations included, in the registry's order
 */
public record ManifestList(String mediaType, List<PlatformManifest> manifests)
    implements ParsedManifest {
  public ManifestList {
    manifests = List.copyOf(manifests);
  }

  /** The entries that are runnable images: attestation entries are left out. */
  public List<PlatformManifest> images() {
    return manifests.stream().filter(m -> !m.isAttestation()).toList();
  }
}
