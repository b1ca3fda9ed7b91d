package dev.imagestreams.benchmarks.flux;

import java.util.Map;

/**
 * What reached the registry in a window, as the {@link CountingProxy} saw it.
 *
 * @param requests HTTP requests by method and endpoint ({@code HEAD manifests}, {@code GET
 *     tags/list}, {@code GET /v2/}, ...)
 * @param repositories distinct repositories named by those requests
 * @param connections TCP connections opened
 * @param tlsProbes connections that began with a TLS handshake (a client trying HTTPS first on this
 *     plain-HTTP registry); the registry answers them with 400 and closes them
 * @param unparsed connections whose requests could not be followed (a chunked request body)
 */
record RegistryTraffic(
    Map<String, Long> requests, int repositories, long connections, long tlsProbes, long unparsed) {

  RegistryTraffic {
    requests = Map.copyOf(requests);
  }

  long total() {
    return requests.values().stream().mapToLong(Long::longValue).sum();
  }
}
