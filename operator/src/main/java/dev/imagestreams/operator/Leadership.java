package dev.imagestreams.operator;

import dev.imagestreams.engine.ImportEngine;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this replica leads, and what follows from it: the leader runs the engine's scheduled
 * checks (JOSDK starts and stops reconciling by itself). Without leader election the replica always
 * leads. A replica that loses the Lease while running exits, to restart as a standby.
 */
final class Leadership {
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  private final ImportEngine engine;
  private final Optional<LeaderElection> election;
  private final AtomicBoolean leading = new AtomicBoolean();
  private volatile boolean closing;

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

  boolean leading() {
    return leading.get();
  }

  /** The operator is stopping: losing the lead from now on is expected. */
  void closing() {
    closing = true;
  }

  private void startedLeading() {
    if (leading.compareAndSet(false, true)) {
      LOG.info("leading: reconciling ImageStreams and running the import schedule");
      engine.startSchedule();
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
