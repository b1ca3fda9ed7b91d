/**
 * {@code kubectl imagestream import}: {@code oc import-image}'s rules ({@link
 * dev.imagestreams.plugin.imports.ImportPlan}, pure) and the command that writes the tag if asked,
 * sets the operator's import-request annotation and waits for its answer ({@link
 * dev.imagestreams.plugin.imports.ImportCommand}).
 */
package dev.imagestreams.plugin.imports;
