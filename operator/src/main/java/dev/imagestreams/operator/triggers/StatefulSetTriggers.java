package dev.imagestreams.operator.triggers;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.function.Consumer;

/** The image change triggers of StatefulSets. */
final class StatefulSetTriggers extends WorkloadTriggerReconciler<StatefulSet> {
  StatefulSetTriggers(Triggers.Shared shared, Consumer<StreamFollowers<?>> followers) {
    super(WorkloadKind.STATEFUL_SET, shared, followers);
  }
}
