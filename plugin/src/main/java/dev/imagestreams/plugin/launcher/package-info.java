/**
 * What the {@code kubectl-imagestream} launcher script runs besides the verbs: {@link
 * dev.imagestreams.plugin.launcher.ClassDataTraining}, the offline workload whose loaded classes
 * become the class-data sharing archive every later run maps.
 */
package dev.imagestreams.plugin.launcher;
