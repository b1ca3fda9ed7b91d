package dev.imagestreams.operator.triggers;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.function.Consumer;

/** The image change triggers of DaemonSets. */
final class DaemonSetTriggers extends WorkloadTriggerReconciler<DaemonSet> {
  DaemonSetTriggers(Triggers.Shared shared, Consumer<StreamFollowers<?>> followers) {
    super(WorkloadKind.DAEMON_SET, shared, followers);
  }
}
