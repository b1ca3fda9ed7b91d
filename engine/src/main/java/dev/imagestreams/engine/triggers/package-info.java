/**
 * OpenShift's image change triggers, decided without I/O: the {@code image.openshift.io/triggers}
 * annotation read as OpenShift reads it ({@link TriggerAnnotation}), its {@code fieldPath} grammar
 * ({@link FieldPath}), and which container images a workload's triggers set from the streams'
 * status ({@link TriggerPlanner}). Pure; the operator watches and writes, the plugin edits the
 * annotation. See docs/triggers.md.
 */
package dev.imagestreams.engine.triggers;
