/**
 * Which namespaces nothing is imported in. Pure. See docs/architecture.md for the package map and
 * its rules.
 */
package dev.imagestreams.engine.namespace;
