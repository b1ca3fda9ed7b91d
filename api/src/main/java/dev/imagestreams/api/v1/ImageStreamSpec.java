package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.imagestreams.api.v1.schema.DeepMergeCustomizer;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import java.util.List;
import java.util.Optional;

/**
 * What the user wants: the tags to track.
 *
 * @param lookupPolicy whether short names in this namespace resolve to this stream's images
 * @param dockerImageRepository deprecated in OpenShift 3.7: import every tag of a repository
 *     (stored, not acted on by this operator)
 * @param tags the tags, unique by name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(
    value = DeepMergeCustomizer.class,
    input =
        "{\"properties\":{\"tags\":{\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-map-keys\":[\"name\"]}}}")
public record ImageStreamSpec(
    @JsonPropertyDescription(
            "lookupPolicy controls how other resources reference images within this namespace.")
        ImageLookupPolicy lookupPolicy,
    @JsonPropertyDescription(
            "dockerImageRepository is optional; if specified this stream is backed by a container repository"
                + " on this server. Deprecated: this field is stored but whole-repository import is not performed.")
        String dockerImageRepository,
    @JsonPropertyDescription("tags map arbitrary string values to specific image locators")
        List<TagReference> tags) {

  /** The tags, never null. */
  public List<TagReference> tagList() {
    return tags == null ? List.of() : tags;
  }

  /** The first tag with the name, if any. */
  public Optional<TagReference> tag(String name) {
    return tagList().stream().filter(t -> name.equals(t.name())).findFirst();
  }
}
