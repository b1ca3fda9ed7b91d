package dev.imagestreams.registry.http;

/**
 * Lets the owner of an import stop it: once cancelled, the import sends no further request and
 * fails with {@link dev.imagestreams.registry.error.ErrorKind#CANCELLED}. A request already sent is
 * not interrupted. Thread-safe.
 */
public final class Cancellation {
  private volatile boolean cancelled;

  /** A cancellation that nobody holds: the import runs to its end. */
  public static Cancellation never() {
    return new Cancellation();
  }

  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }
}
