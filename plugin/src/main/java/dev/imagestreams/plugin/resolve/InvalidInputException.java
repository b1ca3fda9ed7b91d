package dev.imagestreams.plugin.resolve;

import dev.imagestreams.plugin.cluster.CommandFailure;
import picocli.CommandLine;

/**
 * Input that {@code resolve} cannot work with (a file that cannot be read, a document that is not
 * an ImageStream, a bad credentials file). The message is one line that names the input and what is
 * wrong; the exit status is picocli's for bad arguments, {@value ResolveCommand#INVALID_INPUT}.
 */
public final class InvalidInputException extends CommandFailure {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    this(message, null);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause, CommandLine.ExitCode.USAGE);
  }
}
