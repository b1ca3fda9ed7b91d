package dev.imagestreams.operator.planning;

import java.time.Instant;

/**
 * The last failed import of a tag, remembered in memory (not in the status, so a restart forgets
 * it): with which key, whether the failure may go away by itself, and when it is retried.
 *
 * @param key the key imported
 * @param transientFailure whether the failure may go away by itself (rate limits, outages)
 * @param failures consecutive failures
 * @param retryAt when to retry a transient failure
 */
public record TagAttempt(ImportKey key, boolean transientFailure, int failures, Instant retryAt) {}
