package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Whether short image names in this namespace resolve to this stream.
 *
 * @param local true to resolve {@code name[:tag]} references to this stream's images
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageLookupPolicy(
    @JsonPropertyDescription(
            "local will change the docker short image references (like \"mysql\" or \"php:latest\") on objects"
                + " in this namespace to the image ID whenever they match this image stream, instead of"
                + " reaching out to a remote registry.")
        Boolean local) {}
