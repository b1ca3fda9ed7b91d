/**
 * Starts the operator or says precisely why it cannot, in one line. See docs/architecture.md for
 * the package map and its rules.
 */
package dev.imagestreams.operator.startup;
