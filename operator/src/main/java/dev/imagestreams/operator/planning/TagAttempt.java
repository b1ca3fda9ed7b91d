package dev.imagestreams.operator.planning;

import java.time.Instant;

/**
 * The last import attempt of a tag, remembered in memory (not in the status, so a restart forgets
 * it): with which key, whether it failed, and when a transient failure is retried.
 *
 * @param key the key imported
 * @param failed whether the attempt failed
 * @param transientFailure whether the failure may go away by itself
 * @param failures consecutive failures
 * @param retryAt when to retry a transient failure
 */
public record TagAttempt(ImportKey key, boolean failed, boolean transientFailure, int failures, Instant retryAt) {}
