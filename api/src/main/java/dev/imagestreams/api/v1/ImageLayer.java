package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/**
 * A layer of an image.
 *
 * @param name the layer digest
 * @param size the layer size in bytes
 * @param mediaType the layer media type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageLayer(@Required String name, @Required Long size, @Required String mediaType) {}
