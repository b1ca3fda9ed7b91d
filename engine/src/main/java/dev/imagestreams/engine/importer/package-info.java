/**
 * I/O: imports from registries asynchronously, sharing requests with equal keys, per host with
 * concurrency limits, rate limits and backoff; reads pull secrets; remembers failed imports for
 * retries ({@code TagAttempts}). Depends on {@code imports}, {@code planning}, {@code config} and
 * the registry module; not on {@code reconciler}, {@code schedule}, {@code status} or {@code
 * metrics}.
 */
package dev.imagestreams.engine.importer;
