/**
 * {@code kubectl imagestream resolve}: the operator's import, without a cluster. ImageStream YAML
 * is read ({@link dev.imagestreams.plugin.resolve.StreamDocuments}) and resolved by the import
 * engine ({@link dev.imagestreams.plugin.resolve.StreamResolver}: the engine's planner,
 * per-registry imports and status composer, streams composed after the streams they follow), so the
 * status printed is the one the operator would write. Policies are the engine's default
 * configuration ({@link dev.imagestreams.plugin.resolve.ResolveSettings}).
 */
package dev.imagestreams.plugin.resolve;
