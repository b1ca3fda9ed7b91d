package dev.imagestreams.registry.manifest;

import java.util.List;

/** The manifest and config media types this engine understands. */
public final class MediaTypes {
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST_V2 =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_V1 =
      "application/vnd.docker.distribution.manifest.v1+json";
  public static final String DOCKER_MANIFEST_V1_SIGNED =
      "application/vnd.docker.distribution.manifest.v1+prettyjws";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

  /** The one Accept list sent with every manifest request, most specific first. */
  public static final List<String> MANIFEST_ACCEPT =
      List.of(OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST_V2);

  /** {@link #MANIFEST_ACCEPT} as one header value. */
  public static final String MANIFEST_ACCEPT_HEADER = String.join(", ", MANIFEST_ACCEPT);

  private MediaTypes() {}

  /** Whether the media type names a manifest list or an OCI index. */
  public static boolean isList(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }

  /** Whether the media type names a single-image manifest (OCI or Docker schema 2). */
  public static boolean isImageManifest(String mediaType) {
    return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST_V2.equals(mediaType);
  }

  /** Whether the media type names the retired Docker schema 1 format. */
  public static boolean isSchema1(String mediaType) {
    return DOCKER_MANIFEST_V1.equals(mediaType) || DOCKER_MANIFEST_V1_SIGNED.equals(mediaType);
  }

  /** The media type without parameters such as {@code ; charset=utf-8}, or null. */
  public static String normalize(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String bare = semicolon >= 0 ? contentType.substring(0, semicolon) : contentType;
    bare = bare.trim();
    return bare.isEmpty() ? null : bare;
  }
}
