package dev.imagestreams.registry.http;

import java.time.Duration;

/** Observes every HTTP exchange with a registry, for metrics and logs. */
public interface RequestListener {
  RequestListener NONE = new RequestListener() {};

  /**
   * A response arrived.
   *
   * @param host the host the request went to
   * @param method the HTTP method
   * @param status the HTTP status
   * @param elapsed the time until the response was complete
   */
  default void onResponse(String host, String method, int status, Duration elapsed) {}

  /**
   * A request failed without a response (connection error, timeout, oversized or truncated body).
   *
   * @param host the host the request went to
   * @param method the HTTP method
   * @param reason a short machine-friendly reason such as {@code timeout} or {@code connect}
   */
  default void onFailure(String host, String method, String reason) {}
}
