package dev.imagestreams.plugin.describe;

import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.ImageLookupPolicy;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.plugin.cluster.ApiErrors;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Optional;

/**
 * Builds the {@link ImageStreamTagObject} of a stream tag, as OpenShift's API server does: from the
 * stream, the tag's current history item and the recorded image. Pure.
 */
public final class ImageStreamTags {
  private ImageStreamTags() {}

  /**
   * The current image event of a tag; kubectl's NotFound line when the tag has no image (as
   * OpenShift answers 404 for a tag without one).
   */
  public static TagEvent currentEvent(ImageStream stream, String tag) {
    return Optional.ofNullable(stream.getStatus())
        .flatMap(s -> s.tag(tag))
        .flatMap(NamedTagEventList::current)
        .filter(e -> e.image() != null && !e.image().isEmpty())
        .orElseThrow(
            () ->
                ApiErrors.notFound("imagestreamtags", stream.getMetadata().getName() + ":" + tag));
  }

  public static ImageStreamTagObject of(
      ImageStream stream, String tag, TagEvent event, Image image) {
    ObjectMeta meta = stream.getMetadata();
    Optional<TagReference> spec =
        stream.getSpec() == null ? Optional.empty() : stream.getSpec().tag(tag);
    ImageStreamStatus status = stream.getStatus();
    boolean local =
        stream.getSpec() != null
            && stream.getSpec().lookupPolicy() != null
            && Boolean.TRUE.equals(stream.getSpec().lookupPolicy().local());
    String reference = event.dockerImageReference();
    boolean localPolicy =
        spec.map(t -> t.referencePolicy() != null && "Local".equals(t.referencePolicy().type()))
            .orElse(false);
    if (localPolicy
        && status != null
        && status.dockerImageRepository() != null
        && !status.dockerImageRepository().isEmpty()) {
      reference = status.dockerImageRepository() + "@" + event.image();
    }
    ObjectMeta tagMeta =
        new ObjectMetaBuilder()
            .withName(meta.getName() + ":" + tag)
            .withNamespace(meta.getNamespace())
            .withUid(meta.getUid())
            .withResourceVersion(meta.getResourceVersion())
            .withCreationTimestamp(event.created())
            .withAnnotations(spec.map(TagReference::annotations).orElse(null))
            .build();
    ImageStreamTagObject.ImageObject imageObject =
        new ImageStreamTagObject.ImageObject(
            new ObjectMetaBuilder()
                .withName(event.image())
                .withCreationTimestamp(event.created())
                .build(),
            reference,
            image.dockerImageMetadata(),
            image.dockerImageMetadataVersion() == null ? "1.0" : image.dockerImageMetadataVersion(),
            image.dockerImageLayers(),
            image.dockerImageManifests(),
            image.dockerImageManifestMediaType());
    NamedTagEventList tagStatus = status == null ? null : status.tag(tag).orElse(null);
    return new ImageStreamTagObject(
        "image.openshift.io/v1",
        "ImageStreamTag",
        tagMeta,
        spec.orElse(null),
        event.generation(),
        new ImageLookupPolicy(local),
        tagStatus == null || tagStatus.conditionList().isEmpty() ? null : tagStatus.conditionList(),
        imageObject);
  }
}
