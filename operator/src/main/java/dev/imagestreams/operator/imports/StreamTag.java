package dev.imagestreams.operator.imports;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * A tag of a stream: who an import result is for.
 *
 * @param stream the stream
 * @param tag the tag name
 */
public record StreamTag(ResourceID stream, String tag) {}
