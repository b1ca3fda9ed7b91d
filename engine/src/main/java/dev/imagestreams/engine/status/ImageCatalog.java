package dev.imagestreams.engine.status;

import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.engine.config.StatusImageMetadata;
import dev.imagestreams.registry.ResolvedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The image metadata records a status draws on while it is composed, by digest: the stream's
 * records so far, those of images just imported and those reached through references. The status
 * keeps only the records its tags currently point at, each as much as {@code statusImageMetadata}
 * says (a summary, or the full record within its size bound).
 */
final class ImageCatalog {
  private final Map<String, Image> byDigest = new LinkedHashMap<>();
  private final StatusImageMetadata level;
  private final int maxImageMetadataBytes;

  /**
   * @param old the stream's status so far, or null
   * @param level how much of each record the status keeps
   * @param maxImageMetadataBytes the size bound of one full record
   */
  ImageCatalog(ImageStreamStatus old, StatusImageMetadata level, int maxImageMetadataBytes) {
    this.level = level;
    this.maxImageMetadataBytes = maxImageMetadataBytes;
    if (old != null) {
      old.imageList().forEach(i -> byDigest.put(i.name(), kept(i)));
    }
  }

  /** Records an image just imported, replacing an older record of the same digest. */
  void imported(ResolvedImage image) {
    byDigest.put(image.digest().toString(), kept(ImageRecords.of(image)));
  }

  /** As much of the record as the status keeps. */
  private Image kept(Image record) {
    if (Boolean.TRUE.equals(record.metadataTruncated())) {
      return record;
    }
    return level == StatusImageMetadata.SUMMARY
        ? ImageRecords.reduced(record)
        : ImageRecords.bounded(record, maxImageMetadataBytes);
  }

  /** Records the image of a reference's source, unless this stream has its own record. */
  void referenced(Image image) {
    if (image != null) {
      byDigest.putIfAbsent(image.name(), kept(image));
    }
  }

  Optional<Image> get(String digest) {
    return Optional.ofNullable(byDigest.get(digest));
  }

  /** The records of the images the tags currently point at, once each, within the size budget. */
  List<Image> current(List<NamedTagEventList> tags) {
    List<Image> out = new ArrayList<>();
    Set<String> added = new HashSet<>();
    for (NamedTagEventList tag : tags) {
      tag.current()
          .map(TagEvent::image)
          .filter(d -> d != null && !d.isEmpty() && byDigest.containsKey(d) && added.add(d))
          .ifPresent(d -> out.add(byDigest.get(d)));
    }
    return ImageRecords.withinBudget(out);
  }
}
