package dev.imagestreams.engine.config;

/**
 * An entry of {@code allowedRegistriesForImport}: a domain ({@code quay.io}, {@code *.example.com},
 * with a port if it is not 80 or 443) and whether plain HTTP (port 80) is allowed.
 *
 * @param domainName the domain, optionally with a leading {@code *.} and a port
 * @param insecure whether the registry may be reached insecurely
 */
public record AllowedRegistry(String domainName, boolean insecure) {}
