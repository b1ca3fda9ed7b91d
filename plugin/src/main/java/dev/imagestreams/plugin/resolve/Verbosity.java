package dev.imagestreams.plugin.resolve;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Whether the inherited {@code -v} was given, before or after the verb. */
final class Verbosity {
  private Verbosity() {}

  static boolean verbose(CommandSpec spec) {
    for (CommandLine c = spec.commandLine(); c != null; c = c.getParent()) {
      CommandLine.ParseResult result = c.getParseResult();
      if (result != null && result.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
