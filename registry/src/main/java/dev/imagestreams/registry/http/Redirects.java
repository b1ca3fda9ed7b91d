package dev.imagestreams.registry.http;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import java.net.URI;
import java.util.Locale;

/**
 * Follows redirects of {@code GET} and {@code HEAD} by hand, so that every target passes the {@link
 * AddressPolicy}, https never turns into plain http unless the request is insecure, and {@code
 * Authorization} never leaves its origin.
 */
final class Redirects {
  /** Sends one request of the chain. */
  @FunctionalInterface
  interface Hop {
    RegistryResponse send(RegistryRequest request)
        throws RegistryException, PlainHttpEndpointException;
  }

  private final AddressPolicy addressPolicy;
  private final int maxRedirects;

  Redirects(AddressPolicy addressPolicy, int maxRedirects) {
    this.addressPolicy = addressPolicy;
    this.maxRedirects = maxRedirects;
  }

  RegistryResponse follow(RegistryRequest request, Hop hop)
      throws RegistryException, PlainHttpEndpointException {
    RegistryRequest current = request;
    for (int hops = 0; ; hops++) {
      addressPolicy.check(current.uri(), current.description());
      RegistryResponse response = hop.send(current);
      String location = response.header("Location");
      boolean redirect = response.status() >= 300 && response.status() < 400 && location != null;
      boolean followable = current.method().equals("GET") || current.method().equals("HEAD");
      if (!redirect || !followable) {
        return response;
      }
      if (hops >= maxRedirects) {
        throw RegistryException.of(
            ErrorKind.UNAVAILABLE,
            "too many redirects (more than " + maxRedirects + ") for " + current.description());
      }
      current = next(current, location);
    }
  }

  private static RegistryRequest next(RegistryRequest current, String location)
      throws RegistryException {
    URI target;
    try {
      target = current.uri().resolve(location.trim());
    } catch (IllegalArgumentException e) {
      throw RegistryException.of(
          ErrorKind.UNAVAILABLE, "invalid redirect location for " + current.description());
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw RegistryException.of(
          ErrorKind.FORBIDDEN,
          "refusing redirect to a " + scheme + " URL for " + current.description());
    }
    if (scheme.equals("http") && current.uri().getScheme().equals("https") && !current.insecure()) {
      throw RegistryException.of(
          ErrorKind.FORBIDDEN,
          "refusing redirect from https to plain http ("
              + target.getHost()
              + ") for "
              + current.description());
    }
    RegistryRequest next = current.withUri(target);
    return sameOrigin(current.uri(), target) ? next : next.withAuthorization(null);
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && effectivePort(a) == effectivePort(b);
  }

  private static int effectivePort(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }
}
