package dev.imagestreams.plugin.cluster;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints a verb's failure as one line on standard error, {@code error: ...} as kubectl does (or the
 * server's own {@code Error from server (...)} line), with the stack trace only when {@code -v} was
 * given; exits with the failure's status (1, or 2 for unusable input).
 */
public final class FailurePrinter implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    CommandFailure failure = ApiErrors.describe(e);
    String line = failure.getMessage();
    err.println(line.startsWith("Error from server") ? line : "error: " + line);
    if (verbose(parsed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return failure.exitCode();
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("-v")) {
        return true;
      }
    }
    return false;
  }
}
