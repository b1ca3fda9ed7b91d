/**
 * Builds a stream's status from its plan and import outcomes, one step per class. Pure. See
 * docs/architecture.md for the package map and its rules.
 */
package dev.imagestreams.engine.status;
