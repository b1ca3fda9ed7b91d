package dev.imagestreams.registry.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A list of registry patterns as written in OpenShift's {@code registrySources}: {@code host},
 * {@code host:port}, {@code *.example.com} (any subdomain), each optionally followed by a
 * repository path ({@code quay.io/org}). A pattern without a port matches the host on any port;
 * Docker Hub aliases match each other.
 */
public final class RegistryPatterns {
  /** One parsed pattern. */
  public record Pattern(String text, String host, String port, boolean wildcard, String path) {}

  public static final RegistryPatterns NONE = new RegistryPatterns(List.of());

  private final List<Pattern> patterns;

  private RegistryPatterns(List<Pattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /**
   * Parses the patterns.
   *
   * @throws IllegalArgumentException naming the first malformed entry
   */
  public static RegistryPatterns parse(List<String> entries) {
    List<Pattern> out = new ArrayList<>();
    for (String entry : entries) {
      out.add(parseOne(entry));
    }
    return new RegistryPatterns(out);
  }

  private static Pattern parseOne(String entry) {
    String e = entry == null ? "" : entry.trim().toLowerCase(Locale.ROOT);
    if (e.isEmpty() || e.contains("://") || e.contains(" ")) {
      throw new IllegalArgumentException(
          "invalid registry pattern \""
              + entry
              + "\": expected host[:port][/path], optionally starting with *.");
    }
    String[] hostAndPath = e.split("/", 2);
    String hostPort = hostAndPath[0];
    String path = hostAndPath.length == 2 ? hostAndPath[1].replaceAll("/+$", "") : "";
    boolean wildcard = hostPort.startsWith("*.");
    if (wildcard) {
      hostPort = hostPort.substring(2);
    }
    HostPort hp = HostPort.parse(hostPort);
    String host = hp.host();
    String port = hp.port();
    if (port != null && !port.matches("[0-9]{1,5}") && !port.equals("*")) {
      throw new IllegalArgumentException("invalid port in registry pattern \"" + entry + "\"");
    }
    if ("*".equals(port)) {
      port = null;
    }
    if (host.isEmpty() || host.contains("*")) {
      throw new IllegalArgumentException(
          "invalid registry pattern \"" + entry + "\": only a leading *. wildcard is allowed");
    }
    if (!wildcard) {
      host = ImageReference.canonicalRegistry(host);
    }
    return new Pattern(entry.trim(), host, port, wildcard, path);
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }

  public List<Pattern> patterns() {
    return patterns;
  }

  /** The first pattern that matches the image's registry and repository. */
  public Optional<Pattern> match(ImageReference image) {
    for (Pattern p : patterns) {
      if (hostMatches(p, image.registry())
          && (p.path().isEmpty()
              || image.repository().equals(p.path())
              || image.repository().startsWith(p.path() + "/"))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Whether a pattern without a path matches the host ({@code host} or {@code host:port}). */
  public boolean matchesHost(String hostAndPort) {
    return patterns.stream()
        .anyMatch(p -> p.path().isEmpty() && hostMatches(p, hostAndPort.toLowerCase(Locale.ROOT)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegistryPatterns other && patterns.equals(other.patterns);
  }

  @Override
  public int hashCode() {
    return patterns.hashCode();
  }

  @Override
  public String toString() {
    return patterns.stream().map(Pattern::text).toList().toString();
  }

  private static boolean hostMatches(Pattern p, String registry) {
    HostPort hp = HostPort.parse(registry);
    String port = hp.port();
    String host = p.wildcard() ? hp.host() : ImageReference.canonicalRegistry(hp.host());
    boolean hostOk = p.wildcard() ? host.endsWith("." + p.host()) : host.equals(p.host());
    return hostOk && (p.port() == null || p.port().equals(port));
  }
}
