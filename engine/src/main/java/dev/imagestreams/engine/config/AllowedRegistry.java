package dev.imagestreams.engine.config;

import static dev.imagestreams.engine.config.Check.or;

import dev.imagestreams.registry.reference.RegistryPatterns;
import java.util.List;
import java.util.Locale;

/**
 * An entry of {@code allowedRegistriesForImport}: a domain ({@code quay.io}, {@code *.example.com},
 * with a port if it is not 80 or 443), lower-cased, and whether plain HTTP (port 80) is allowed.
 *
 * @param domainName the domain, optionally with a leading {@code *.} and a port; required (the
 *     configuration checks it once the entry is read, so that an unknown key next to it, a
 *     misspelling most likely, is reported first)
 * @param insecure whether the registry may be reached insecurely
 */
public record AllowedRegistry(String domainName, Boolean insecure) {
  public AllowedRegistry {
    domainName = domainName == null || domainName.isBlank() ? null : normalized(domainName);
    insecure = or(insecure, false);
  }

  private static String normalized(String domainName) {
    domainName = domainName.trim().toLowerCase(Locale.ROOT);
    try {
      RegistryPatterns.parse(List.of(domainName));
    } catch (IllegalArgumentException e) {
      throw new Check.InvalidValue("domainName", e.getMessage());
    }
    return domainName;
  }
}
