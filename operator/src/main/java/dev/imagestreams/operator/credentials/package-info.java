/**
 * The pull credentials of each namespace, from its Secrets. See docs/architecture.md for the
 * package map and its rules.
 */
package dev.imagestreams.operator.credentials;
