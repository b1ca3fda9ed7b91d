package dev.imagestreams.engine.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Namespace names ({@code privilegedNamespaces}), each a DNS label.
 *
 * @param names the names, in the order given
 */
public record NamespaceNames(Set<String> names) {
  static final NamespaceNames NONE = new NamespaceNames(Set.of());
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  public NamespaceNames {
    names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
  }

  /**
   * @throws IllegalArgumentException naming the first name that is not a valid namespace name
   */
  static NamespaceNames parse(List<String> names) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : names) {
      if (!DNS_LABEL.matcher(name).matches() || name.length() > 63) {
        throw new IllegalArgumentException("\"" + name + "\" is not a valid namespace name");
      }
      out.add(name);
    }
    return new NamespaceNames(out);
  }
}
