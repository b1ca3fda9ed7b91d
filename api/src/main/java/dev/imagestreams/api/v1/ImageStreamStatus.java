package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Optional;

/**
 * What the operator observed. The first three fields are OpenShift's; the others are additive.
 *
 * @param dockerImageRepository the stream's repository in the internal registry, if one is
 *     configured
 * @param publicDockerImageRepository the stream's repository on the external registry host, if
 *     configured
 * @param tags per tag: the image history (newest first) and the import condition
 * @param observedGeneration the {@code metadata.generation} this status reflects
 * @param conditions stream-level kstatus conditions ({@code Ready})
 * @param images metadata of every tag's current image, one entry per digest: a summary, or the full
 *     record when the cluster configuration says so
 * @param lastHandledImportRequest the last value of the import-request annotation acted upon
 * @param displayRepository the repository shown by {@code kubectl get is} (public if set, else
 *     internal)
 * @param tagsSummary the tags shown by {@code kubectl get is}, newest first, as {@code oc} prints
 *     them
 * @param lastUpdated when a tag last got a new image (the newest {@code items[0].created})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageStreamStatus(
    @JsonPropertyDescription(
            "dockerImageRepository represents the effective location this stream may be accessed at.")
        String dockerImageRepository,
    @JsonPropertyDescription(
            "publicDockerImageRepository represents the public location from where the image can be pulled outside the cluster.")
        String publicDockerImageRepository,
    @JsonPropertyDescription(
            "tags are a historical record of images associated with each tag. The first entry in the TagEvent array is the currently tagged image.")
        List<NamedTagEventList> tags,
    @JsonPropertyDescription("observedGeneration is the metadata.generation this status reflects.")
        Long observedGeneration,
    @JsonPropertyDescription("conditions are the stream's kstatus conditions: Ready.")
        List<Condition> conditions,
    @JsonPropertyDescription(
            "images holds the metadata of each tag's current image (OpenShift Image fields): a summary unless"
                + " the operator's configuration keeps full records.")
        List<Image> images,
    @JsonPropertyDescription(
            "lastHandledImportRequest is the value of the imagestreams.dev/import-requested-at annotation last acted upon.")
        String lastHandledImportRequest,
    @JsonPropertyDescription(
            "displayRepository is the repository shown by kubectl get: the public one if set, else the internal one.")
        String displayRepository,
    @JsonPropertyDescription(
            "tagsSummary lists the tags, most recently updated first, as oc get is shows them.")
        String tagsSummary,
    @JsonPropertyDescription("lastUpdated is when a tag last received a new image.")
        String lastUpdated) {

  public static final String READY = "Ready";

  /** The status tags, never null. */
  public List<NamedTagEventList> tagList() {
    return tags == null ? List.of() : tags;
  }

  /** The status tag with the name, if any. */
  public Optional<NamedTagEventList> tag(String name) {
    return tagList().stream().filter(t -> name.equals(t.tag())).findFirst();
  }

  /** The images, never null. */
  public List<Image> imageList() {
    return images == null ? List.of() : images;
  }

  /** The image record of a digest, if present. */
  public Optional<Image> image(String digest) {
    return imageList().stream().filter(i -> digest.equals(i.name())).findFirst();
  }

  /** The conditions, never null. */
  public List<Condition> conditionList() {
    return conditions == null ? List.of() : conditions;
  }

  /** The condition of the type, if present. */
  public Optional<Condition> condition(String type) {
    return conditionList().stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
