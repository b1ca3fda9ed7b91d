package dev.imagestreams.operator.importer;

import dev.imagestreams.operator.planning.ImportKey;
import dev.imagestreams.operator.planning.TagAttempt;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The last failed import of each tag, in memory: it drives retries of transient failures (15 s,
 * doubling to 10 min, ±20% jitter, never before the registry's Retry-After) and re-imports of failed
 * tags whose credentials changed. A restart forgets it, which costs at most one retry per failing tag.
 */
public final class TagAttempts {
  static final Duration FIRST_RETRY = Duration.ofSeconds(15);
  static final Duration MAX_RETRY = Duration.ofMinutes(10);
  private static final ExponentialBackoff RETRIES = new ExponentialBackoff(FIRST_RETRY, MAX_RETRY);

  private final Map<ResourceID, Map<String, TagAttempt>> attempts = new ConcurrentHashMap<>();

  /** The attempts of a stream's tags. */
  public Map<String, TagAttempt> of(ResourceID stream) {
    Map<String, TagAttempt> m = attempts.get(stream);
    return m == null ? Map.of() : Map.copyOf(m);
  }

  /** Records that an outcome was applied to a tag. */
  public void record(ResourceID stream, String tag, ImportKey key, ImportOutcome outcome) {
    if (outcome.succeeded()) {
      // only failures are retried or re-tried with new credentials: a success needs no record
      attempts.computeIfPresent(stream, (s, m) -> {
        m.remove(tag);
        return m.isEmpty() ? null : m;
      });
      return;
    }
    Map<String, TagAttempt> m = attempts.computeIfAbsent(stream, s -> new ConcurrentHashMap<>());
    TagAttempt previous = m.get(tag);
    int failures = previous != null && previous.key().equals(key) ? previous.failures() + 1 : 1;
    Instant retryAt = outcome.completedAt().plus(delay(failures, outcome.failure()));
    m.put(tag, new TagAttempt(key, failures, retryAt));
  }

  /** Keeps only the given tags of a stream (the others left the spec). */
  public void retain(ResourceID stream, Set<String> tags) {
    Map<String, TagAttempt> m = attempts.get(stream);
    if (m != null) {
      m.keySet().retainAll(tags);
    }
  }

  public void forget(ResourceID stream) {
    attempts.remove(stream);
  }

  static Duration delay(int failures, ImportFailure failure) {
    Duration delay = RETRIES.delay(failures, ThreadLocalRandom.current().nextDouble());
    Duration asked = failure.retryAfter().orElse(Duration.ZERO);
    return asked.compareTo(delay) > 0 ? asked : delay;
  }
}
