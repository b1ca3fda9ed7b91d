package dev.imagestreams.registry.http;

/**
 * The server answered a TLS handshake with plain HTTP: the registry speaks HTTP only. The caller
 * decides whether falling back to {@code http://} is allowed.
 */
public final class PlainHttpEndpointException extends Exception {
  private static final long serialVersionUID = 1L;

  public PlainHttpEndpointException(String host, Throwable cause) {
    super("registry " + host + " does not speak TLS", cause);
  }
}
