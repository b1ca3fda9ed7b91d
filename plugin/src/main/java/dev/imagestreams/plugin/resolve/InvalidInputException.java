package dev.imagestreams.plugin.resolve;

/**
 * Input that {@code resolve} cannot work with (a file that cannot be read, a document that is not
 * an ImageStream, a bad credentials file). The message is one line that names the input and what is
 * wrong.
 */
public final class InvalidInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
