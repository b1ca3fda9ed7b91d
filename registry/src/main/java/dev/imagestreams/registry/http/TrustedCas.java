package dev.imagestreams.registry.http;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CA certificates trusted for particular registries (OpenShift's {@code additionalTrustedCA}): each
 * CA vouches only for the host and port it was given for, on top of the JDK's CAs; every other
 * registry is verified with the JDK's CAs alone. A CA added for {@code registry.local} can
 * therefore never vouch for another registry's certificate.
 *
 * @param byEndpoint the extra CAs of each endpoint
 */
public record TrustedCas(Map<Endpoint, List<X509Certificate>> byEndpoint) {
  /** No extra CAs: the JDK's CAs for every registry. */
  public static final TrustedCas NONE = new TrustedCas(Map.of());

  public TrustedCas {
    Map<Endpoint, List<X509Certificate>> copy = new HashMap<>();
    byEndpoint.forEach((endpoint, cas) -> copy.put(endpoint, List.copyOf(cas)));
    byEndpoint = Map.copyOf(copy);
  }

  /** The CAs for one registry, {@code host} or {@code host:port}. */
  public static TrustedCas of(String hostPort, X509Certificate... cas) {
    return new TrustedCas(Map.of(Endpoint.parse(hostPort), List.of(cas)));
  }

  /** The extra CAs trusted for the endpoint; empty for an endpoint without any. */
  public List<X509Certificate> forEndpoint(Endpoint endpoint) {
    return byEndpoint.getOrDefault(endpoint, List.of());
  }

  /**
   * Where a TLS connection goes: a host, lower case (an IPv6 literal keeps its brackets), and a
   * port.
   *
   * @param host the host
   * @param port the port; 443 when a registry is named without one
   */
  public record Endpoint(String host, int port) {
    private static final int HTTPS = 443;
    private static final Pattern HOST =
        Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[[a-f0-9:.]+\\]");

    /**
     * Parses {@code host} or {@code host:port} ({@code [::1]:5000} for IPv6).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Endpoint parse(String hostPort) {
      String value = hostPort.trim().toLowerCase(Locale.ROOT);
      String host = value;
      int port = HTTPS;
      int colon = value.lastIndexOf(':');
      if (colon >= 0 && !value.endsWith("]")) {
        host = value.substring(0, colon);
        String digits = value.substring(colon + 1);
        if (!digits.matches("[0-9]{1,5}")
            || Integer.parseInt(digits) < 1
            || Integer.parseInt(digits) > 65535) {
          throw new IllegalArgumentException("\"" + hostPort + "\" has an invalid port");
        }
        port = Integer.parseInt(digits);
      }
      if (!HOST.matcher(host).matches() && !IPV6.matcher(host).matches()) {
        throw new IllegalArgumentException(
            "\"" + hostPort + "\" is not a registry host (host or host:port)");
      }
      return new Endpoint(host, port);
    }

    /** The endpoint an {@code https} URI connects to. */
    public static Endpoint of(URI uri) {
      return new Endpoint(
          uri.getHost().toLowerCase(Locale.ROOT), uri.getPort() < 0 ? HTTPS : uri.getPort());
    }
  }
}
