/**
 * Periodic re-imports of scheduled tags: the due-time queue, and the manifest check that imports
 * only when a digest changed. Does I/O through {@code importer}; depends on {@code imports}, {@code
 * planning}, {@code status}, {@code config}; not on {@code reconciler} or {@code metrics}.
 */
package dev.imagestreams.engine.schedule;
