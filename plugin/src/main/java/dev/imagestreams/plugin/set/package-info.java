/**
 * {@code kubectl imagestream set ...} ({@code oc set}): {@code set triggers}, the image change
 * triggers of Deployments, StatefulSets, DaemonSets and CronJobs ({@link TriggerEdit} decides,
 * {@link SetTriggersCommand} reads and patches), and {@code set image-lookup}, a stream's {@code
 * lookupPolicy.local} or a workload's {@code resolve-names} annotation.
 */
package dev.imagestreams.plugin.set;
