package dev.imagestreams.registry.manifest;

import java.util.List;

/**
 * A single-image manifest (OCI image manifest or Docker schema 2).
 *
 * @param mediaType the manifest media type
 * @param config the config blob descriptor
 * @param layers the layers, base first
 */
public record ImageManifest(String mediaType, Descriptor config, List<Layer> layers)
    implements ParsedManifest {
  public ImageManifest {
    layers = List.copyOf(layers);
  }

  /** The sum of the layer sizes, as OpenShift reports an image's size. */
  public long layersSize() {
    return layers.stream().mapToLong(Layer::size).sum();
  }
}
