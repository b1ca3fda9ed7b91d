/**
 * Scheduled checks: the due-time queue (pure), its loop, and the check of one reference. See
 * docs/architecture.md for the package map and its rules.
 */
package dev.imagestreams.engine.schedule;
