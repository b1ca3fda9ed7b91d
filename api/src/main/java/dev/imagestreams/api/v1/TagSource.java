package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.imagestreams.api.v1.schema.DeepMergeCustomizer;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Optional;

/**
 * Where a tag points: OpenShift uses a core ObjectReference, of which only {@code kind}, {@code
 * name} and {@code namespace} matter; the other fields are accepted so exported YAML applies.
 *
 * @param kind {@code DockerImage}, {@code ImageStreamTag} or {@code ImageStreamImage}
 * @param name the image reference, {@code [stream:]tag} or {@code stream@digest}; not empty, at
 *     most {@value #MAX_NAME_LENGTH} characters
 * @param namespace the source stream's namespace, for stream references (defaults to the tag's)
 * @param apiVersion unused
 * @param uid unused
 * @param resourceVersion unused
 * @param fieldPath unused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(
    value = DeepMergeCustomizer.class,
    input =
        "{\"properties\":{\"kind\":{\"enum\":[\"DockerImage\",\"ImageStreamTag\",\"ImageStreamImage\"]}},"
            + "\"x-kubernetes-map-type\":\"atomic\"}")
public record TagSource(
    @Required
        @JsonPropertyDescription(
            "Kind of the referent: DockerImage, ImageStreamTag or ImageStreamImage.")
        String kind,
    @Required
        @Size(min = 1, max = TagSource.MAX_NAME_LENGTH)
        @JsonPropertyDescription("Name of the referent.")
        String name,
    @JsonPropertyDescription("Namespace of the referent (stream references only).")
        String namespace,
    String apiVersion,
    String uid,
    String resourceVersion,
    String fieldPath) {

  public static final String DOCKER_IMAGE = "DockerImage";
  public static final String IMAGE_STREAM_TAG = "ImageStreamTag";
  public static final String IMAGE_STREAM_IMAGE = "ImageStreamImage";

  /**
   * The longest {@code from.name} that can resolve: an image reference whose repository name has
   * OpenShift's (the distribution grammar's) 255 characters, with a 128-character tag and a sha512
   * digest ({@code name:tag@sha512:<128 hex>}). Stream references ({@code stream:tag}, {@code
   * stream@digest}) are shorter.
   */
  public static final int MAX_NAME_LENGTH = 255 + 1 + TagReference.MAX_NAME_LENGTH + 1 + 7 + 128;

  public static TagSource of(String kind, String name, String namespace) {
    return new TagSource(kind, name, namespace, null, null, null, null);
  }

  @JsonIgnore
  public boolean isDockerImage() {
    return DOCKER_IMAGE.equals(kind);
  }

  @JsonIgnore
  public boolean isImageStreamTag() {
    return IMAGE_STREAM_TAG.equals(kind);
  }

  @JsonIgnore
  public boolean isImageStreamImage() {
    return IMAGE_STREAM_IMAGE.equals(kind);
  }

  /**
   * Where an {@code ImageStreamTag} ({@code [stream:]tag}) or {@code ImageStreamImage} ({@code
   * stream@digest}) source points, seen from the stream that holds the tag: an unset namespace is
   * that stream's namespace, and a tag without {@code stream:} is a tag of that stream. Empty for a
   * {@code DockerImage} source and for a name not written that way.
   *
   * @param ownNamespace the namespace of the stream holding the tag
   * @param ownStream the name of the stream holding the tag
   */
  public Optional<StreamReference> streamReference(String ownNamespace, String ownStream) {
    if (name == null || name.isEmpty()) {
      return Optional.empty();
    }
    String ns = namespace == null || namespace.isEmpty() ? ownNamespace : namespace;
    if (isImageStreamImage()) {
      int at = name.indexOf('@');
      if (at <= 0 || at == name.length() - 1 || name.indexOf('@', at + 1) >= 0) {
        return Optional.empty();
      }
      return Optional.of(
          new StreamReference(ns, name.substring(0, at), null, name.substring(at + 1)));
    }
    if (!isImageStreamTag() || name.indexOf('@') >= 0) {
      return Optional.empty();
    }
    int colon = name.indexOf(':');
    if (colon < 0) {
      return Optional.of(new StreamReference(ns, ownStream, name, null));
    }
    if (colon == 0 || colon == name.length() - 1 || name.indexOf(':', colon + 1) >= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new StreamReference(ns, name.substring(0, colon), name.substring(colon + 1), null));
  }
}
