package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The metadata of an image that some tag currently points at, with OpenShift's Image field names.
 * Kept in the stream's status, so whoever may read the stream may read it, and no one else.
 *
 * @param name the image digest
 * @param dockerImageReference the pull spec
 * @param dockerImageMetadata the config metadata, in OpenShift's DockerImage form; absent for lists
 * @param dockerImageMetadataVersion always {@code 1.0}
 * @param dockerImageLayers the layers, base first; absent for lists
 * @param dockerImageManifests the platform images of a manifest list
 * @param dockerImageManifestMediaType the manifest media type
 * @param metadataTruncated true when the record is a summary (the default, or the full record
 *     exceeded its size bound): its lists were left out
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Image(
    @JsonPropertyDescription("name is the image digest.") String name,
    @JsonPropertyDescription(
            "dockerImageReference is the string that can be used to pull this image.")
        String dockerImageReference,
    @JsonPropertyDescription("dockerImageMetadata contains metadata about this image")
        DockerImageMetadata dockerImageMetadata,
    @JsonPropertyDescription(
            "dockerImageMetadataVersion conveys the version of the object, which if empty defaults to \"1.0\"")
        String dockerImageMetadataVersion,
    @JsonPropertyDescription("dockerImageLayers represents the layers in the image.")
        List<ImageLayer> dockerImageLayers,
    @JsonPropertyDescription(
            "dockerImageManifests holds information about sub-manifests when the image represents a manifest list.")
        List<ImageManifest> dockerImageManifests,
    @JsonPropertyDescription("dockerImageManifestMediaType specifies the mediaType of manifest.")
        String dockerImageManifestMediaType,
    @JsonPropertyDescription(
            "metadataTruncated is true when the record is a summary: environment, labels, volumes, ports,"
                + " command and layers were left out (statusImageMetadata Summary, or the record exceeded its"
                + " size bound).")
        Boolean metadataTruncated) {}
