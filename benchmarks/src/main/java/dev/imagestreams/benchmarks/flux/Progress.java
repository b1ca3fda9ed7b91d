package dev.imagestreams.benchmarks.flux;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The run's progress, on standard output with the time of day. */
final class Progress {
  private Progress() {}

  static void log(String format, Object... args) {
    System.out.printf(
        Locale.ROOT,
        "%s %s%n",
        LocalTime.now().truncatedTo(ChronoUnit.SECONDS),
        String.format(Locale.ROOT, format, args));
  }
}
