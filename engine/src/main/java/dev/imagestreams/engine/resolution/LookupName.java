package dev.imagestreams.engine.resolution;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image as written, split as OpenShift's image policy splits it: the registry (a first
 * segment with a dot or a port, or {@code localhost}), the namespace (the segments between), the
 * name (the last segment), the tag and the digest. Nothing is defaulted: {@code python:3.12} has
 * neither registry nor namespace, which is what makes it a <em>local name</em>.
 *
 * @param registry the registry, or empty
 * @param namespace the path between registry and name, or empty
 * @param name the last path segment
 * @param tag the tag, or empty
 * @param digest the digest ({@code sha256:…}), or empty
 */
public record LookupName(
    String registry, String namespace, String name, String tag, String digest) {
  private static final Pattern SEGMENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z0-9]+)*:[0-9a-fA-F]{32,}");
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9.-]+(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?");

  /** The image split into its parts, or empty when it is not a valid image reference. */
  public static Optional<LookupName> parse(String image) {
    if (image == null || image.isEmpty() || image.length() > 4096) {
      return Optional.empty();
    }
    String rest = image;
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        return Optional.empty();
      }
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        return Optional.empty();
      }
    }
    String[] segments = rest.split("/", -1);
    String registry = "";
    int first = 0;
    if (segments.length > 1 && isRegistry(segments[0])) {
      registry = segments[0];
      first = 1;
    }
    for (int i = first; i < segments.length; i++) {
      if (!SEGMENT.matcher(segments[i]).matches()) {
        return Optional.empty();
      }
    }
    String name = segments[segments.length - 1];
    String namespace =
        String.join("/", java.util.Arrays.copyOfRange(segments, first, segments.length - 1));
    return Optional.of(new LookupName(registry, namespace, name, tag, digest));
  }

  /** Whether the name is a single segment: no registry, no namespace. */
  public boolean local() {
    return registry.isEmpty() && namespace.isEmpty();
  }

  /** The tag looked up: the tag written, else {@code latest}. */
  public String tagOrLatest() {
    return tag.isEmpty() ? "latest" : tag;
  }

  private static boolean isRegistry(String segment) {
    return (segment.contains(".") || segment.contains(":") || segment.equals("localhost"))
        && HOST.matcher(segment).matches();
  }
}
