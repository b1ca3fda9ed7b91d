package dev.imagestreams.registry;

import dev.imagestreams.registry.error.RateLimitInfo;
import dev.imagestreams.registry.reference.Digest;

/**
 * What a {@code HEAD} of a manifest told us, without downloading it.
 *
 * @param digest the {@code Docker-Content-Digest}, or null if the registry did not send one
 * @param mediaType the manifest media type, or null
 * @param size the manifest size, or -1
 * @param rateLimit the registry's rate-limit headers
 */
public record ManifestHead(Digest digest, String mediaType, long size, RateLimitInfo rateLimit) {}
