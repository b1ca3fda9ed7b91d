/**
 * {@code kubectl imagestream resolve}: the operator's import, without a cluster. ImageStream YAML
 * is read ({@link dev.imagestreams.plugin.resolve.StreamDocuments}), planned with the operator's
 * {@code ImportPlanner}, imported through its {@code ImportService} ({@link
 * dev.imagestreams.plugin.resolve.ImportRound}, the only I/O besides reading files) and composed
 * with its {@code StatusComposer} ({@link dev.imagestreams.plugin.resolve.StatusRounds}, pure), so
 * the status printed is the one the operator would write. Policies are the operator's default
 * configuration ({@link dev.imagestreams.plugin.resolve.ResolveSettings}).
 */
package dev.imagestreams.plugin.resolve;
