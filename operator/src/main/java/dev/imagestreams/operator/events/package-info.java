/**
 * Kubernetes Events about streams. {@code StatusNews} decides, purely, what is news between two
 * statuses; {@code EventRecorder} writes Events in the background (Kubernetes client). Depends on
 * {@code status} only.
 */
package dev.imagestreams.operator.events;
