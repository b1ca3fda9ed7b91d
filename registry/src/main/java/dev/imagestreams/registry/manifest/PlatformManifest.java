package dev.imagestreams.registry.manifest;

import dev.imagestreams.registry.reference.Digest;
import java.util.Map;

/**
 * One image entry of a manifest list or OCI index: the child manifest and the platform it runs on.
 *
 * @param digest the child manifest's digest
 * @param mediaType the child manifest's media type
 * @param size the child manifest's size in bytes
 * @param platform the platform, as declared by the list
 * @param annotations the entry's annotations
 */
public record PlatformManifest(
    Digest digest,
    String mediaType,
    long size,
    Platform platform,
    Map<String, String> annotations) {

  static final String REFERENCE_TYPE_ANNOTATION = "vnd.docker.reference.type";
  static final String ATTESTATION = "attestation-manifest";

  public PlatformManifest {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /**
   * Whether the entry is a build attestation (BuildKit provenance or SBOM) rather than an image:
   * platform {@code unknown/unknown} or the annotation {@code vnd.docker.reference.type:
   * attestation-manifest}.
   */
  public boolean isAttestation() {
    return ATTESTATION.equals(annotations.get(REFERENCE_TYPE_ANNOTATION))
        || ("unknown".equals(platform.os()) && "unknown".equals(platform.architecture()));
  }
}
