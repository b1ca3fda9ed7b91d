package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/**
 * One platform image of a manifest list.
 *
 * @param digest the child manifest digest
 * @param mediaType the child manifest media type
 * @param manifestSize the child manifest size in bytes
 * @param architecture the CPU architecture
 * @param os the operating system
 * @param variant the CPU variant, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageManifest(
    @Required String digest,
    @Required String mediaType,
    @Required Long manifestSize,
    @Required String architecture,
    @Required String os,
    String variant) {}
