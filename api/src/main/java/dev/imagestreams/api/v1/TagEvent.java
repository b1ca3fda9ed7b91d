package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One entry of a tag's history.
 *
 * @param created when the tag got this image (RFC 3339)
 * @param dockerImageReference the pull spec: the user's spelling of the name with the digest
 * @param image the image digest; empty for {@code reference: true} tags
 * @param generation the stream generation at which the event was recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TagEvent(
    @JsonPropertyDescription("Created holds the time the TagEvent was created") String created,
    @JsonPropertyDescription(
            "DockerImageReference is the string that can be used to pull this image")
        String dockerImageReference,
    @JsonPropertyDescription("Image is the image") String image,
    @JsonPropertyDescription(
            "Generation is the spec tag generation that resulted in this tag being updated")
        Long generation) {}
