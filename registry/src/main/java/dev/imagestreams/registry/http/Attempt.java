package dev.imagestreams.registry.http;

import dev.imagestreams.registry.error.RegistryException;

/**
 * One exchange's result: a response, or a failure and whether repeating the request may work.
 *
 * @param response the response, or null
 * @param error the failure, or null
 * @param transientFailure whether a failed exchange may succeed if repeated
 */
record Attempt(RegistryResponse response, RegistryException error, boolean transientFailure) {
  static Attempt answered(RegistryResponse response) {
    return new Attempt(response, null, false);
  }

  static Attempt failed(RegistryException error, boolean transientFailure) {
    return new Attempt(null, error, transientFailure);
  }

  boolean answered() {
    return response != null;
  }
}
