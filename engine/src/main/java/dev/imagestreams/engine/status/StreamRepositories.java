package dev.imagestreams.engine.status;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.engine.config.ImportConfig;

/**
 * The stream's repositories on the cluster's registry hosts ({@code <host>/<namespace>/<name>}),
 * and pull specs localised into them.
 *
 * @param internalHost the internal registry's host, or null when none is configured
 * @param externalHost the first external registry host, or null when none is configured
 * @param namespace the stream's namespace
 * @param name the stream's name
 */
record StreamRepositories(String internalHost, String externalHost, String namespace, String name) {
  static StreamRepositories of(ImageStream stream, ImportConfig config) {
    return new StreamRepositories(
        config.internalRegistryHostname(),
        config.externalRegistryHostnames().isEmpty()
            ? null
            : config.externalRegistryHostnames().get(0),
        stream.getMetadata().getNamespace(),
        stream.getMetadata().getName());
  }

  /** {@code status.dockerImageRepository}: the internal repository, empty without a host. */
  String internal() {
    return internalHost == null ? "" : internalHost + "/" + namespace + "/" + name;
  }

  /** {@code status.publicDockerImageRepository}: the external repository, null without a host. */
  String external() {
    return externalHost == null ? null : externalHost + "/" + namespace + "/" + name;
  }

  /**
   * A pull spec into another stream's internal-registry repository becomes one into this stream's,
   * by digest, so pulls go through this namespace (OpenShift does the same); any other pull spec
   * stays.
   *
   * @param pullSpec the source's pull spec, or null
   * @param digest the image's digest, or null
   */
  String localized(String pullSpec, String digest) {
    if (internalHost == null
        || pullSpec == null
        || digest == null
        || !pullSpec.startsWith(internalHost + "/")) {
      return pullSpec;
    }
    return internalHost + "/" + namespace + "/" + name + "@" + digest;
  }
}
