package dev.imagestreams.engine.config;

import dev.imagestreams.registry.reference.RegistryPatterns;
import java.util.List;
import java.util.Locale;

/**
 * The domain of an {@code allowedRegistriesForImport} entry, lower-cased: {@code quay.io}, {@code
 * *.example.com}, with a port if it is not 80 or 443.
 *
 * @param value the domain
 */
record DomainName(String value) {
  /**
   * @throws IllegalArgumentException if the text is blank or not a registry pattern
   */
  static DomainName parse(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("is required");
    }
    RegistryPatterns.parse(List.of(text));
    return new DomainName(text.trim().toLowerCase(Locale.ROOT));
  }
}
