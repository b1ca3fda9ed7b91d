/**
 * The values an import is made of. Pure; a leaf of the engine. See docs/architecture.md for the
 * package map and its rules.
 */
package dev.imagestreams.engine.imports;
