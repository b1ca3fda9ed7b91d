package dev.imagestreams.engine.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as Kubernetes writes them: RFC 3339 to the second. */
public final class KubeTime {
  private KubeTime() {}

  /** The instant to the second, as Kubernetes writes times. */
  public static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A time read back from a status, to the second; the epoch when it is not a time. */
  static Instant parse(String time) {
    try {
      return Instant.parse(time).truncatedTo(ChronoUnit.SECONDS);
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }
}
