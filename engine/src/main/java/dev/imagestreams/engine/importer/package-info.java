/**
 * Imports from registries asynchronously, per host, sharing equal requests. See
 * docs/architecture.md for the package map and its rules.
 */
package dev.imagestreams.engine.importer;
