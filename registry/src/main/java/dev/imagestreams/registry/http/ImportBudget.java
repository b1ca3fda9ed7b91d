package dev.imagestreams.registry.http;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one import may still spend: one deadline for all its requests (token, {@code HEAD}, {@code
 * GET}s, retries and redirects included), and its {@link Cancellation}. Every request checks it
 * before it is sent, and no request waits past the deadline.
 */
public final class ImportBudget {
  private final Duration limit;
  private final Instant deadline;
  private final Clock clock;
  private final Cancellation cancellation;
  private final AtomicReference<Runnable> onFirstRequest = new AtomicReference<>();

  private ImportBudget(Duration limit, Clock clock, Cancellation cancellation) {
    this.limit = limit;
    this.clock = clock;
    this.deadline = clock.instant().plus(limit);
    this.cancellation = cancellation;
  }

  /** A budget whose deadline starts now. */
  public static ImportBudget startingNow(Duration limit, Clock clock, Cancellation cancellation) {
    return new ImportBudget(limit, clock, cancellation);
  }

  /**
   * Runs {@code action} when the import's first request is sent (past its host's throttle), once:
   * how a scheduled check measures its lag to the request on the wire.
   */
  public ImportBudget onFirstRequest(Runnable action) {
    onFirstRequest.set(action);
    return this;
  }

  /** A request of the import is being sent now. */
  public void sending() {
    Runnable action = onFirstRequest.getAndSet(null);
    if (action != null) {
      action.run();
    }
  }

  /** The import's whole deadline, for messages. */
  public Duration limit() {
    return limit;
  }

  /** Time left before the deadline; zero or negative once it passed. */
  public Duration remaining() {
    return Duration.between(clock.instant(), deadline);
  }

  /**
   * Fails when the import was cancelled or its deadline passed.
   *
   * @param host the host the next request goes to
   * @param what what the next request fetches
   */
  public void checkBeforeRequest(String host, String what) throws RegistryException {
    if (cancellation.isCancelled()) {
      throw RegistryException.of(
          ErrorKind.CANCELLED, "import cancelled before fetching " + what + " from " + host);
    }
    if (remaining().isNegative() || remaining().isZero()) {
      throw deadlineExceeded(host, what);
    }
  }

  /**
   * The failure of an import that ran out of time while fetching {@code what} from {@code host}.
   */
  public RegistryException deadlineExceeded(String host, String what) {
    return RegistryException.of(
        ErrorKind.UNAVAILABLE,
        "import deadline of "
            + limit.toSeconds()
            + "s exceeded while fetching "
            + what
            + " from "
            + host);
  }
}
