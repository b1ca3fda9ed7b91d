package dev.imagestreams.registry.auth;

import dev.imagestreams.registry.reference.ImageReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Credentials by registry, as read from Docker config files: {@link #lookup} finds the credentials
 * for an image. Entries are matched by registry host (Docker Hub aliases included) and, when an
 * entry names a repository path such as {@code quay.io/org}, by path prefix; the most specific
 * entry wins, then the entry that was added first.
 */
public final class CredentialStore {
  /** One entry: a registry host, optionally with a repository path prefix, and its credentials. */
  public record Entry(String registry, String pathPrefix, RegistryCredentials credentials) {}

  public static final CredentialStore EMPTY = new CredentialStore(List.of());

  private final List<Entry> entries;

  public CredentialStore(List<Entry> entries) {
    List<Entry> sorted = new ArrayList<>(entries);
    // stable sort: longer path prefixes first, insertion order otherwise
    sorted.sort(Comparator.comparingInt((Entry e) -> -e.pathPrefix().length()));
    this.entries = List.copyOf(sorted);
  }

  /** Combines stores; for equally specific entries the earlier store wins. */
  public static CredentialStore merge(List<CredentialStore> stores) {
    List<Entry> all = new ArrayList<>();
    stores.forEach(s -> all.addAll(s.entries));
    return new CredentialStore(all);
  }

  public List<Entry> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The credentials for the image's registry and repository, if any entry matches. */
  public Optional<RegistryCredentials> lookup(ImageReference image) {
    String repository = image.repository();
    for (Entry e : entries) {
      if (!e.registry().equals(image.registry())) {
        continue;
      }
      if (e.pathPrefix().isEmpty()
          || repository.equals(e.pathPrefix())
          || repository.startsWith(e.pathPrefix() + "/")) {
        return Optional.of(e.credentials());
      }
    }
    return Optional.empty();
  }

  /**
   * Splits a config key into registry and path: keys may be a host ({@code quay.io}), a host with a
   * port, a host with a path ({@code quay.io/org}) or a URL ({@code https://index.docker.io/v1/}).
   */
  static Optional<Entry> entry(String key, RegistryCredentials credentials) {
    String k = key.trim();
    int scheme = k.indexOf("://");
    if (scheme >= 0) {
      k = k.substring(scheme + 3);
    }
    while (k.endsWith("/")) {
      k = k.substring(0, k.length() - 1);
    }
    String[] hostAndPath = k.split("/", 2);
    String host = hostAndPath[0];
    String path = hostAndPath.length == 2 ? hostAndPath[1] : "";
    if (host.isEmpty()) {
      return Optional.empty(); // no registry to match: a key such as "/org" or ""
    }
    String registry = ImageReference.canonicalRegistry(host);
    if (registry.equals(ImageReference.DOCKER_HUB) && (path.equals("v1") || path.equals("v2"))) {
      path = ""; // https://index.docker.io/v1/ is the classic Docker Hub key
    }
    return Optional.of(new Entry(registry, path.toLowerCase(Locale.ROOT), credentials));
  }
}
