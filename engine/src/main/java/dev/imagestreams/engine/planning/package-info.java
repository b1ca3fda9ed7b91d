/**
 * Decides, per spec tag, where its status comes from and whether and why it is imported now. Pure.
 * See docs/architecture.md for the package map and its rules.
 */
package dev.imagestreams.engine.planning;
