/**
 * The wiring of the operator, its main class and its leadership. See docs/architecture.md for the
 * package map and its rules.
 */
package dev.imagestreams.operator;
