package dev.imagestreams.registry.reference;

/**
 * A registry host split into host and port: {@code quay.io}, {@code reg.local:5000}, {@code
 * [::1]:5000}.
 *
 * @param host the host (an IPv6 literal keeps its brackets)
 * @param port the port, or null
 */
public record HostPort(String host, String port) {
  public static HostPort parse(String value) {
    int colon = value.lastIndexOf(':');
    if (colon >= 0 && !value.endsWith("]")) {
      return new HostPort(value.substring(0, colon), value.substring(colon + 1));
    }
    return new HostPort(value, null);
  }
}
