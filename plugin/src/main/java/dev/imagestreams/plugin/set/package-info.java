/**
 * {@code kubectl imagestream set ...} ({@code oc set}): {@code set triggers}, the image change
 * triggers of Deployments, StatefulSets, DaemonSets and CronJobs ({@link TriggerEdit} decides,
 * {@link SetTriggersCommand} reads and patches).
 */
package dev.imagestreams.plugin.set;
