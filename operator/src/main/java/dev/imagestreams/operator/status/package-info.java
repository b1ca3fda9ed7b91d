/**
 * Builds a stream's status from its plan and import outcomes: history, conditions, image metadata,
 * printer fields. Pure: depends on {@code planning}, {@code imports}, {@code config}'s values, the
 * API model and the registry module's values; no I/O package, no Kubernetes client, no JOSDK.
 */
package dev.imagestreams.operator.status;
