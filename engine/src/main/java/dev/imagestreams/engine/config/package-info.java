/**
 * The cluster configuration, each key declared once, and its strict reader. Pure. See
 * docs/architecture.md for the package map and its rules.
 */
package dev.imagestreams.engine.config;
