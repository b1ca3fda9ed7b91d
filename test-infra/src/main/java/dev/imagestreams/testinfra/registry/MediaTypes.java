package dev.imagestreams.testinfra.registry;

/** Media types of the OCI image specification and of Docker image manifest v2 schema 2. */
public final class MediaTypes {

  /** OCI image manifest. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** OCI image index. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** OCI image configuration. */
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

  /** OCI gzip-compressed layer. */
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  /** Docker image manifest, version 2 schema 2. */
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** Docker manifest list. */
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  /** Docker image configuration. */
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

  /** Docker gzip-compressed layer. */
  public static final String DOCKER_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.diff.tar.gzip";

  /** In-toto attestation statement, used as the layer of BuildKit attestation manifests. */
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  /** Every manifest media type above, as an {@code Accept} header value. */
  public static final String ACCEPT_ALL_MANIFESTS =
      String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST);

  private MediaTypes() {}
}
