package dev.imagestreams.benchmarks.flux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A process's CPU time and resident memory, read from /proc: {@code utime + stime} of {@code
 * /proc/PID/stat} (all its threads, in clock ticks), {@code VmRSS} and {@code VmHWM} (the peak) of
 * {@code /proc/PID/status}.
 *
 * @param cpuTicks user and system CPU time so far, in clock ticks
 * @param residentKiB resident memory now
 * @param peakResidentKiB the largest resident memory so far
 */
record ProcessStats(long cpuTicks, long residentKiB, long peakResidentKiB) {
  static final ProcessStats NONE = new ProcessStats(0, 0, 0);

  /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on Linux unless built otherwise. */
  static final double TICKS_PER_SECOND = clockTicks();

  static ProcessStats of(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name (field 2) is in parentheses and may hold spaces: count from after it
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15
      List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
      return new ProcessStats(ticks, kib(status, "VmRSS"), kib(status, "VmHWM"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc of process " + pid + " (did it exit?)", e);
    }
  }

  double cpuSecondsSince(ProcessStats before) {
    return (cpuTicks - before.cpuTicks) / TICKS_PER_SECOND;
  }

  long residentMiB() {
    return residentKiB / 1024;
  }

  long peakResidentMiB() {
    return peakResidentKiB / 1024;
  }

  private static long kib(List<String> status, String key) {
    return status.stream()
        .filter(l -> l.startsWith(key + ":"))
        .map(l -> l.substring(key.length() + 1).replace("kB", "").trim())
        .mapToLong(Long::parseLong)
        .findFirst()
        .orElse(0);
  }

  private static double clockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(getconf.getInputStream().readAllBytes()).trim();
      return getconf.waitFor() == 0 ? Double.parseDouble(out) : 100;
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
