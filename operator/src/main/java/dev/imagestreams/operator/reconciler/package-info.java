/**
 * The JOSDK reconciler and its event sources: the engine's controller front end. See
 * docs/architecture.md for the package map and its rules.
 */
package dev.imagestreams.operator.reconciler;
