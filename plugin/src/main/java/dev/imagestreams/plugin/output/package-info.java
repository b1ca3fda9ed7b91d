/**
 * Output as {@code oc} and {@code kubectl} print it: the {@code -o} formats ({@link
 * dev.imagestreams.plugin.output.OutputFormat}, JSONPath templates included), column alignment
 * ({@link dev.imagestreams.plugin.output.TabWriter}, for every table), ages and sizes. Pure.
 */
package dev.imagestreams.plugin.output;
