package dev.imagestreams.operator.triggers;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.function.Consumer;

/** The image change triggers of Deployments. */
final class DeploymentTriggers extends WorkloadTriggerReconciler<Deployment> {
  DeploymentTriggers(Triggers.Shared shared, Consumer<StreamFollowers<?>> followers) {
    super(WorkloadKind.DEPLOYMENT, shared, followers);
  }
}
