/**
 * Decides which namespaces the operator refuses to act in. Pure: depends on {@code config}'s values
 * only; the namespace's labels are passed in.
 */
package dev.imagestreams.engine.namespace;
