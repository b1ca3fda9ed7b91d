/**
 * The controller of OpenShift's image change triggers: the {@code image.openshift.io/triggers}
 * annotation on Deployments, StatefulSets, DaemonSets and CronJobs, one JOSDK reconciler per kind
 * ({@link WorkloadTriggerReconciler}), re-evaluated when a workload or a stream it follows changes,
 * written with a JSON patch under its own field manager ({@link ImageWriter}). The decisions are
 * the engine's ({@code engine.triggers}). See docs/triggers.md.
 */
package dev.imagestreams.operator.triggers;
