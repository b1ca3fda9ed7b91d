package dev.imagestreams.testinfra.registry;

import java.util.List;

/**
 * A request a {@link TokenServer} received.
 *
 * @param method the HTTP method
 * @param path the request path
 * @param hadAuthorization whether an {@code Authorization} header was sent
 * @param user the authenticated user, or {@code null} for anonymous and rejected requests
 * @param service the {@code service} parameter (the configured service when absent)
 * @param scopes the {@code scope} parameters, space-separated lists split up
 * @param status the HTTP status answered
 */
public record TokenRequest(
    String method,
    String path,
    boolean hadAuthorization,
    String user,
    String service,
    List<String> scopes,
    int status) {

  /**
   * Copies the scopes.
   *
   * @param method the HTTP method
   * @param path the request path
   * @param hadAuthorization whether an {@code Authorization} header was sent
   * @param user the authenticated user
   * @param service the service parameter
   * @param scopes the scope parameters
   * @param status the HTTP status answered
   */
  public TokenRequest {
    scopes = List.copyOf(scopes);
  }
}
