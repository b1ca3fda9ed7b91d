package dev.imagestreams.engine.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagestreams.api.v1.DockerConfig;
import dev.imagestreams.api.v1.DockerImageMetadata;
import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.ImageLayer;
import dev.imagestreams.api.v1.ImageManifest;
import dev.imagestreams.registry.ResolvedImage;
import dev.imagestreams.registry.manifest.ImageMetadata;
import dev.imagestreams.registry.manifest.PlatformManifest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a resolved image into the {@link Image} record kept in the stream's status, with
 * OpenShift's field names, and reduces records to their summary.
 *
 * <p>The summary keeps a record's identity and scalar metadata (digest, reference, media type,
 * created, author, platform, size, platforms of a list) and is marked {@code metadataTruncated:
 * true}; environment, labels, volumes, ports, command, entrypoint and layers are left out. Records
 * are summaries unless {@code statusImageMetadata} is {@code Full}; then a record whose JSON is
 * larger than {@code maxBytes} is reduced, and records are reduced, largest first, while the
 * stream's records together exceed {@link #STREAM_BUDGET_BYTES}.
 */
public final class ImageRecords {
  /** The most bytes all image records of one stream may take in its status. */
  public static final int STREAM_BUDGET_BYTES = 512 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ImageRecords() {}

  /** The full record of a resolved image. */
  public static Image of(ResolvedImage image) {
    DockerImageMetadata metadata = null;
    List<ImageLayer> layers = null;
    if (image.metadata() != null) {
      ImageMetadata m = image.metadata();
      DockerConfig config =
          new DockerConfig(
              m.user(),
              set(m.exposedPorts()),
              m.env(),
              m.cmd(),
              m.entrypoint(),
              m.workingDir(),
              m.labels().isEmpty() ? null : new TreeMap<>(m.labels()),
              set(m.volumes()));
      metadata =
          new DockerImageMetadata(
              DockerImageMetadata.KIND,
              DockerImageMetadata.API_VERSION,
              null,
              m.created() == null ? null : m.created().toString(),
              m.author(),
              m.architecture(),
              m.os(),
              m.variant(),
              image.size(),
              m.dockerVersion(),
              config);
      layers =
          image.layers().stream()
              .map(l -> new ImageLayer(l.digest().toString(), l.size(), l.mediaType()))
              .toList();
    }
    List<ImageManifest> manifests =
        image.manifests().isEmpty()
            ? null
            : image.manifests().stream().map(ImageRecords::manifest).toList();
    return new Image(
        image.digest().toString(),
        image.pullSpec(),
        metadata,
        "1.0",
        layers,
        manifests,
        image.mediaType(),
        null);
  }

  /**
   * The record's summary: its identity and scalars, without the config, the layers and what every
   * record repeats (the pull spec, which the tag's history item holds, and the constant kind and
   * versions), marked truncated. A record with neither config nor layers (a manifest list) has
   * nothing to leave out and is its own summary.
   */
  public static Image reduced(Image image) {
    DockerImageMetadata m = image.dockerImageMetadata();
    if (image.dockerImageLayers() == null && (m == null || m.config() == null)) {
      return image;
    }
    DockerImageMetadata kept =
        m == null
            ? null
            : new DockerImageMetadata(
                null,
                null,
                null,
                m.created(),
                m.author(),
                m.architecture(),
                m.os(),
                m.variant(),
                m.size(),
                null,
                null);
    return new Image(
        image.name(),
        null,
        kept,
        null,
        null,
        image.dockerImageManifests(),
        image.dockerImageManifestMediaType(),
        Boolean.TRUE);
  }

  /** The record within the per-image bound. */
  public static Image bounded(Image image, int maxBytes) {
    return size(image) <= maxBytes ? image : reduced(image);
  }

  /** The records within the stream budget: the largest are reduced first. */
  public static List<Image> withinBudget(List<Image> images) {
    Map<String, Image> byName = new LinkedHashMap<>();
    Map<String, Integer> sizes = new HashMap<>();
    long total = 0;
    for (Image image : images) {
      int size = size(image);
      byName.put(image.name(), image);
      sizes.put(image.name(), size);
      total += size;
    }
    while (total > STREAM_BUDGET_BYTES) {
      Image largest = null;
      for (Image i : byName.values()) {
        if (!Boolean.TRUE.equals(i.metadataTruncated())
            && (largest == null || sizes.get(i.name()) > sizes.get(largest.name()))) {
          largest = i;
        }
      }
      if (largest == null) {
        break;
      }
      Image reduced = reduced(largest);
      int reducedSize = size(reduced);
      total -= sizes.get(largest.name()) - reducedSize;
      byName.put(largest.name(), reduced);
      sizes.put(largest.name(), reducedSize);
    }
    return List.copyOf(byName.values());
  }

  /** The size of the record as JSON. */
  public static int size(Image image) {
    try {
      return JSON.writeValueAsBytes(image).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ImageManifest manifest(PlatformManifest m) {
    return new ImageManifest(
        m.digest().toString(),
        m.mediaType(),
        m.size(),
        m.platform().architecture(),
        m.platform().os(),
        m.platform().variant());
  }

  private static Map<String, DockerConfig.Empty> set(List<String> keys) {
    if (keys.isEmpty()) {
      return null;
    }
    Map<String, DockerConfig.Empty> out = new TreeMap<>();
    keys.forEach(k -> out.put(k, DockerConfig.Empty.INSTANCE));
    return out;
  }
}
