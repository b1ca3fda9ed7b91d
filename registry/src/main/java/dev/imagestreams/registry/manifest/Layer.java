package dev.imagestreams.registry.manifest;

import dev.imagestreams.registry.reference.Digest;

/**
 * A layer of an image: its digest, compressed size and media type.
 *
 * @param digest the layer blob digest
 * @param size the compressed size in bytes
 * @param mediaType the layer media type
 */
public record Layer(Digest digest, long size, String mediaType) {}
