/**
 * Image reference resolution ({@code lookupPolicy.local} and {@code resolve-names}): which image a
 * container's short name stands for, from the streams of its namespace. Pure. See
 * docs/image-lookup.md and docs/architecture.md for the package map and its rules.
 */
package dev.imagestreams.engine.resolution;
