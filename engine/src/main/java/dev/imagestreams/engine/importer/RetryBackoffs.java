package dev.imagestreams.engine.importer;

import java.time.Duration;

/**
 * The two backoffs of failed imports: a tag's retries of a transient failure ({@link TagAttempts})
 * and a registry host's pause after an outage ({@link HostBackoff}). Production uses {@link
 * #DEFAULT}; tests shorten them to see a whole schedule in seconds.
 *
 * @param tagRetries when a transiently failed tag is imported again
 * @param hostOutages how long a host that failed (5xx, timeouts, connection errors) is left alone
 */
public record RetryBackoffs(ExponentialBackoff tagRetries, ExponentialBackoff hostOutages) {
  /** Tags: 15 s doubling to 10 min. Hosts: 1 s doubling to 5 min. Both ±20%. */
  public static final RetryBackoffs DEFAULT =
      new RetryBackoffs(
          new ExponentialBackoff(Duration.ofSeconds(15), Duration.ofMinutes(10)),
          new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5)));
}
