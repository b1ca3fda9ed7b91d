/**
 * Decides, per spec tag, where its status comes from and whether and why it is imported now, and
 * which registries a stream may use. Pure: depends on {@code imports}, {@code config}'s values, the
 * API model and the registry module's values; no I/O package, no Kubernetes client, no JOSDK.
 */
package dev.imagestreams.engine.planning;
