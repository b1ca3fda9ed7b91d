package dev.imagestreams.registry.http;

/**
 * Paces requests per registry host. Called before every HTTP request, token requests and redirects
 * included; may block until the host's budget allows the request.
 */
@FunctionalInterface
public interface RequestThrottle {
  RequestThrottle NONE = host -> {};

  /** Waits until a request to the host may be sent. */
  void acquire(String host) throws InterruptedException;
}
