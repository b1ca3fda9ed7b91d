/**
 * Prometheus metrics, and the HTTP server of /metrics, /healthz and /readyz. See
 * docs/architecture.md for the package map and its rules.
 */
package dev.imagestreams.operator.metrics;
