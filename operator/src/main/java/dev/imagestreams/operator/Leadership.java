package dev.imagestreams.operator;

import dev.imagestreams.engine.ImportEngine;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this replica leads, and what follows from it: the leader runs the engine's scheduled
 * checks (JOSDK starts and stops reconciling by itself). Without leader election the replica always
 * leads. A replica that loses the Lease while running exits, to restart as a standby; one that
 * stops cleanly releases the Lease, so that a standby takes over at its next try (about a second)
 * rather than when the Lease expires.
 */
final class Leadership {
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
  private static final int RELEASE_ATTEMPTS = 3;
  private static final Duration RELEASE_PAUSE = Duration.ofMillis(200);

  private final ImportEngine engine;
  private final Optional<LeaderElection> election;
  private final AtomicBoolean leading = new AtomicBoolean();
  private volatile boolean closing;
  private volatile Runnable onLeading = () -> {};

  Leadership(ImportEngine engine, Optional<LeaderElection> election) {
    this.engine = engine;
    this.election = election;
  }

  /** JOSDK's leader election in the operator's namespace, or null without one. */
  LeaderElectionConfiguration configuration(String namespace) {
    return election
        .map(
            e ->
                new LeaderElectionConfiguration(
                    e.leaseName(),
                    namespace,
                    e.leaseDuration(),
                    e.renewDeadline(),
                    e.retryPeriod(),
                    e.identity(),
                    new LeaderCallbacks(
                        this::startedLeading,
                        this::stoppedLeading,
                        leader -> LOG.info("the leader is {}", leader)),
                    false)) // see stoppedLeading
        .orElse(null);
  }

  /** After the operator started: a replica without leader election leads at once. */
  void started() {
    if (election.isEmpty()) {
      startedLeading();
    }
  }

  /** Told each time this replica starts leading (the leader's writes catch up at once). */
  void onLeading(Runnable listener) {
    this.onLeading = listener;
  }

  boolean leading() {
    return leading.get();
  }

  /** The operator is stopping: losing the lead from now on is expected. */
  void closing() {
    closing = true;
  }

  /**
   * Releases the Lease if this replica holds it (once JOSDK no longer renews it): its holder is
   * cleared, so a standby takes it at once. Says so in one line. A release that loses a race with
   * JOSDK's last renewal is tried again; a Lease no longer held by this replica is left alone; a
   * failure to release leaves the Lease to expire, and says that.
   */
  void release(KubernetesClient client, String namespace) {
    election.ifPresent(
        e -> {
          String lease = namespace + "/" + e.leaseName();
          LeaseLock lock = new LeaseLock(namespace, e.leaseName(), e.identity());
          LeaderElector elector =
              new LeaderElector(
                  client,
                  new LeaderElectionConfigBuilder()
                      .withName(e.leaseName())
                      .withLock(lock)
                      .withLeaseDuration(e.leaseDuration())
                      .withRenewDeadline(e.renewDeadline())
                      .withRetryPeriod(e.retryPeriod())
                      .withLeaderCallbacks(new LeaderCallbacks(() -> {}, () -> {}, id -> {}))
                      .build(),
                  Runnable::run);
          String failure = "it is still held by this replica";
          for (int attempt = 0; attempt < RELEASE_ATTEMPTS; attempt++) {
            try {
              if (elector.release()) {
                LOG.info("released the Lease {}: a standby takes over now", lease);
                return;
              }
              LeaderElectionRecord now = lock.get(client);
              String holder = now == null ? null : now.getHolderIdentity();
              if (!e.identity().equals(holder)) {
                LOG.info(
                    "the Lease {} is {}: nothing to release",
                    lease,
                    holder == null || holder.isEmpty() ? "free" : "held by " + holder);
                return;
              }
            } catch (KubernetesClientException ex) {
              failure = ex.getMessage();
            }
            pause(RELEASE_PAUSE);
          }
          LOG.warn(
              "could not release the Lease {} ({}); a standby takes over when it expires in {}s",
              lease,
              failure,
              e.leaseDuration().toSeconds());
        });
  }

  private static void pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void startedLeading() {
    if (leading.compareAndSet(false, true)) {
      LOG.info("leading: reconciling ImageStreams and running the import schedule");
      engine.startSchedule();
      onLeading.run();
    }
  }

  private void stoppedLeading() {
    if (leading.compareAndSet(true, false)) {
      engine.stopSchedule();
      if (closing) {
        LOG.info("stopped leading");
      } else if (election.map(LeaderElection::exitOnLoss).orElse(false)) {
        // exiting here, not in JOSDK: its exit would also run when a shutdown hook stops the
        // operator, and System.exit inside a shutdown hook never returns. A thread of its own
        // lets this one go.
        LOG.error("lost the Lease to another replica: exiting, to restart as a standby");
        new Thread(() -> System.exit(1), "exit-on-lost-lease").start();
      } else {
        LOG.warn("lost the Lease to another replica: the import schedule stops");
      }
    }
  }
}
