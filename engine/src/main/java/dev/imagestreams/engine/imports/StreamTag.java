package dev.imagestreams.engine.imports;

/**
 * A tag of a stream: who an import result is for.
 *
 * @param stream the stream
 * @param tag the tag name
 */
public record StreamTag(StreamId stream, String tag) {}
