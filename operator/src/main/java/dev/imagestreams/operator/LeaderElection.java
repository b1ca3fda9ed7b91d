package dev.imagestreams.operator;

import dev.imagestreams.operator.config.ProcessSettings;
import java.time.Duration;

/**
 * Leader election through a {@code coordination.k8s.io} Lease in the operator's namespace
 * (JOSDK's): only the replica holding the Lease reconciles and runs the schedule; the others keep
 * their caches warm, are live but not ready, and take over within the lease duration when the
 * leader stops.
 *
 * @param leaseName the Lease's name
 * @param identity this replica's identity (its pod name)
 * @param leaseDuration how long a leader that stopped renewing keeps the Lease
 * @param renewDeadline how long the leader tries to renew before it gives up leading
 * @param retryPeriod how often candidates try to take the Lease
 * @param exitOnLoss exit the process when leadership is lost (in a pod: a clean restart as a
 *     standby)
 */
public record LeaderElection(
    String leaseName,
    String identity,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod,
    boolean exitOnLoss) {
  public static final String DEFAULT_LEASE_NAME = ProcessSettings.DEFAULT_LEASE_NAME;

  /**
   * Kubernetes controllers' usual timings (15 s lease, 10 s renew deadline) with a 1 s retry, so
   * that a standby takes a released Lease within about a second.
   */
  public static LeaderElection of(String identity) {
    return of(DEFAULT_LEASE_NAME, identity);
  }

  /** The Lease {@code leaseName}, with Kubernetes controllers' usual timings. */
  public static LeaderElection of(String leaseName, String identity) {
    return new LeaderElection(
        leaseName,
        identity,
        Duration.ofSeconds(15),
        Duration.ofSeconds(10),
        Duration.ofSeconds(1),
        true);
  }

  public LeaderElection withTimings(Duration lease, Duration renew, Duration retry) {
    return new LeaderElection(leaseName, identity, lease, renew, retry, exitOnLoss);
  }

  public LeaderElection withExitOnLoss(boolean exit) {
    return new LeaderElection(leaseName, identity, leaseDuration, renewDeadline, retryPeriod, exit);
  }
}
