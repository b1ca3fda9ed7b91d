package dev.imagestreams.operator.triggers;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.function.Consumer;

/** The image change triggers of CronJobs. */
final class CronJobTriggers extends WorkloadTriggerReconciler<CronJob> {
  CronJobTriggers(Triggers.Shared shared, Consumer<StreamFollowers<?>> followers) {
    super(WorkloadKind.CRON_JOB, shared, followers);
  }
}
