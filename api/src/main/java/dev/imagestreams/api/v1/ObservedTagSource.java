package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The parts of a spec tag that decide what its status holds. When they differ from the spec tag,
 * the tag is imported again; otherwise a restart or a change elsewhere in the stream imports
 * nothing.
 *
 * @param kind the source kind
 * @param name the source name
 * @param namespace the source namespace, for stream references
 * @param reference whether the tag was a reference
 * @param importMode the effective import mode
 * @param insecure whether the import was allowed insecure access (by the tag, the stream's
 *     annotation or the cluster's insecure registries)
 * @param preferArch the {@code prefer-arch} annotation
 * @param preferOs the {@code prefer-os} annotation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObservedTagSource(
    String kind,
    String name,
    String namespace,
    Boolean reference,
    String importMode,
    Boolean insecure,
    String preferArch,
    String preferOs) {}
