package dev.imagestreams.engine.imports;

import java.time.Instant;

/**
 * The last failed import of a tag, remembered in memory (not in the status, so a restart forgets
 * it): with which key, how often in a row, and when it is retried.
 *
 * @param key the key imported
 * @param failures consecutive failures
 * @param retryAt when to retry a transient failure
 */
public record FailedImport(ImportKey key, int failures, Instant retryAt) {}
