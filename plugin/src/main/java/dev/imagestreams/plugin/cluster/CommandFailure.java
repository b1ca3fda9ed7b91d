package dev.imagestreams.plugin.cluster;

/**
 * A failure a verb reports as one line (and a non-zero exit): the message is what the user reads
 * after {@code error: }; the cause is printed only with {@code -v}.
 */
public final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CommandFailure(String message) {
    super(message);
  }

  public CommandFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
