package dev.imagestreams.plugin.cluster;

/**
 * A failure a verb reports as one line (and a non-zero exit): the message is what the user reads
 * after {@code error: }; the cause is printed only with {@code -v}. {@link FailurePrinter} is the
 * one place that prints it.
 */
public class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The exit status of a verb that failed. */
  public static final int FAILED = 1;

  private final int exitCode;

  public CommandFailure(String message) {
    this(message, null, FAILED);
  }

  public CommandFailure(String message, Throwable cause) {
    this(message, cause, FAILED);
  }

  protected CommandFailure(String message, Throwable cause, int exitCode) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The process's exit status for this failure. */
  public int exitCode() {
    return exitCode;
  }
}
