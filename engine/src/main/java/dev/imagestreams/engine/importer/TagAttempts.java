package dev.imagestreams.engine.importer;

import dev.imagestreams.engine.imports.FailedImport;
import dev.imagestreams.engine.imports.ImportFailure;
import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.engine.imports.ImportOutcome;
import dev.imagestreams.engine.imports.StreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * The last failed import of each tag, in memory: it drives retries of transient failures ({@link
 * RetryBackoffs#tagRetries()}: 15 s, doubling to 10 min, ±20% jitter, never before the registry's
 * Retry-After) and re-imports of failed tags whose credentials changed. A restart forgets it, which
 * costs at most one retry per failing tag.
 */
public final class TagAttempts {
  private final ExponentialBackoff retries;
  private final DoubleSupplier random;
  private final Map<StreamId, Map<String, FailedImport>> attempts = new ConcurrentHashMap<>();

  /**
   * @param retries the retry schedule of transient failures
   * @param random a source of numbers in [0, 1), for jitter
   */
  public TagAttempts(ExponentialBackoff retries, DoubleSupplier random) {
    this.retries = retries;
    this.random = random;
  }

  /** The attempts of a stream's tags. */
  public Map<String, FailedImport> of(StreamId stream) {
    Map<String, FailedImport> m = attempts.get(stream);
    return m == null ? Map.of() : Map.copyOf(m);
  }

  /** Records that an outcome was applied to a tag. */
  public void record(StreamId stream, String tag, ImportKey key, ImportOutcome outcome) {
    if (outcome.succeeded()) {
      // only failures are retried or re-tried with new credentials: a success needs no record
      attempts.computeIfPresent(
          stream,
          (s, m) -> {
            m.remove(tag);
            return m.isEmpty() ? null : m;
          });
      return;
    }
    Map<String, FailedImport> m = attempts.computeIfAbsent(stream, s -> new ConcurrentHashMap<>());
    FailedImport previous = m.get(tag);
    int failures = previous != null && previous.key().equals(key) ? previous.failures() + 1 : 1;
    Instant retryAt = outcome.completedAt().plus(delay(failures, outcome.failure()));
    m.put(tag, new FailedImport(key, failures, retryAt));
  }

  /** Keeps only the given tags of a stream (the others left the spec). */
  public void retain(StreamId stream, Set<String> tags) {
    Map<String, FailedImport> m = attempts.get(stream);
    if (m != null) {
      m.keySet().retainAll(tags);
    }
  }

  public void forget(StreamId stream) {
    attempts.remove(stream);
  }

  private Duration delay(int failures, ImportFailure failure) {
    Duration delay = retries.delay(failures, random.getAsDouble());
    Duration asked = failure.retryAfter().orElse(Duration.ZERO);
    return asked.compareTo(delay) > 0 ? asked : delay;
  }
}
