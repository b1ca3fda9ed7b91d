/**
 * Prometheus metrics of imports and registry requests, and the HTTP server of {@code /metrics},
 * {@code /healthz} and {@code /readyz}. Observes {@code importer} and {@code schedule} through
 * their listeners; nothing but the root depends on it.
 */
package dev.imagestreams.operator.metrics;
