package dev.imagestreams.registry.http;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RateLimitInfo;
import dev.imagestreams.registry.error.RegistryException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Repeats an idempotent exchange while it fails transiently, as {@link TransientRetries} allow;
 * every repetition goes through the {@link Exchange} again, so it waits for the host's throttle and
 * stays within the import's budget like any request.
 */
final class Retries {
  private final Exchange exchange;

  Retries(Exchange exchange) {
    this.exchange = exchange;
  }

  RegistryResponse send(RegistryRequest request, TransientRetries policy)
      throws RegistryException, PlainHttpEndpointException {
    for (int retries = 0; ; retries++) {
      Attempt attempt = exchange.exchange(request);
      boolean transientFailure =
          attempt.answered()
              ? TransientRetries.isTransientStatus(attempt.response().status())
              : attempt.transientFailure();
      Optional<Duration> delay =
          request.idempotent() && transientFailure
              ? policy.delayBeforeRetry(
                  retries,
                  retryAfter(attempt),
                  request.budget().remaining(),
                  ThreadLocalRandom.current().nextDouble())
              : Optional.empty();
      if (delay.isEmpty()) {
        return result(attempt);
      }
      try {
        Thread.sleep(delay.get().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw RegistryException.of(
            ErrorKind.UNAVAILABLE, "interrupted while waiting to retry " + request.description());
      }
    }
  }

  private static Optional<Duration> retryAfter(Attempt attempt) {
    return attempt.answered()
        ? RateLimitInfo.from(attempt.response().headers(), Clock.systemUTC()).retryAfter()
        : Optional.empty();
  }

  private static RegistryResponse result(Attempt attempt) throws RegistryException {
    if (attempt.answered()) {
      return attempt.response();
    }
    throw attempt.error();
  }
}
