/**
 * Output as {@code oc} and {@code kubectl} print it: column alignment ({@link
 * dev.imagestreams.plugin.output.TabWriter}), ages and sizes. Pure.
 */
package dev.imagestreams.plugin.output;
