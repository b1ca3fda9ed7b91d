/**
 * The values an import is made of, shared by planning, importing, scheduling, status and metrics:
 * what is imported ({@code ImportKey}), for which tag ({@code StreamTag}), how it ended ({@code
 * ImportOutcome}, {@code ImportFailure}) and the last failure of a tag ({@code FailedImport}).
 * Immutable and pure. A leaf: depends on no other operator package, only on the registry module's
 * values and JOSDK's {@code StreamId}.
 */
package dev.imagestreams.engine.imports;
