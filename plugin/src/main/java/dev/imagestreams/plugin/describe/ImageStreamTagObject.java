package dev.imagestreams.plugin.describe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.imagestreams.api.v1.DockerImageMetadata;
import dev.imagestreams.api.v1.ImageLayer;
import dev.imagestreams.api.v1.ImageLookupPolicy;
import dev.imagestreams.api.v1.ImageManifest;
import dev.imagestreams.api.v1.TagEventCondition;
import dev.imagestreams.api.v1.TagReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;

/**
 * OpenShift's {@code ImageStreamTag} ({@code image.openshift.io/v1}), the virtual object {@code oc
 * get istag} prints: the spec tag, the stream's lookup policy, the tag's conditions and the full
 * image, with OpenShift's field names so JSONPath written for OpenShift works.
 *
 * @param apiVersion {@code image.openshift.io/v1}
 * @param kind {@code ImageStreamTag}
 * @param metadata {@code stream:tag}, the stream's namespace, uid and resourceVersion, the time of
 *     the current image and the spec tag's annotations
 * @param tag the spec tag, or null
 * @param generation the generation of the current image's event
 * @param lookupPolicy the stream's
 * @param conditions the tag's import conditions
 * @param image the current image
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "apiVersion",
  "kind",
  "metadata",
  "tag",
  "generation",
  "lookupPolicy",
  "conditions",
  "image"
})
public record ImageStreamTagObject(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    TagReference tag,
    Long generation,
    ImageLookupPolicy lookupPolicy,
    List<TagEventCondition> conditions,
    ImageObject image) {

  /**
   * OpenShift's {@code Image}: named by its digest in {@code metadata.name}.
   *
   * @param metadata the digest as name, the import time as creation time
   * @param dockerImageReference the pull spec (the reference policy applied)
   * @param dockerImageMetadata the config metadata; null for a manifest list
   * @param dockerImageMetadataVersion {@code 1.0}
   * @param dockerImageLayers the layers, base first
   * @param dockerImageManifests the platform images of a manifest list
   * @param dockerImageManifestMediaType the manifest's media type
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ImageObject(
      ObjectMeta metadata,
      String dockerImageReference,
      DockerImageMetadata dockerImageMetadata,
      String dockerImageMetadataVersion,
      List<ImageLayer> dockerImageLayers,
      List<ImageManifest> dockerImageManifests,
      String dockerImageManifestMediaType) {}
}
