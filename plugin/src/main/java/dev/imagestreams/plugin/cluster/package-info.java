/**
 * The plugin's side of the cluster: what every cluster verb has ({@link
 * dev.imagestreams.plugin.cluster.ClusterCommand}: help, the {@link
 * dev.imagestreams.plugin.cluster.ClusterOptions} after the verb), the Kubernetes client ({@link
 * dev.imagestreams.plugin.cluster.KubeClients}), the stream reads and tag writes ({@link
 * dev.imagestreams.plugin.cluster.StreamStore}: server-side apply with its own field manager), who
 * owns a tag ({@link dev.imagestreams.plugin.cluster.FieldOwners}) and the one-line errors ({@link
 * dev.imagestreams.plugin.cluster.ApiErrors}, {@link
 * dev.imagestreams.plugin.cluster.FailurePrinter}).
 */
package dev.imagestreams.plugin.cluster;
