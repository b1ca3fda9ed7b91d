/**
 * Kubernetes Events about streams: what is news, written in the background. See
 * docs/architecture.md for the package map and its rules.
 */
package dev.imagestreams.operator.events;
