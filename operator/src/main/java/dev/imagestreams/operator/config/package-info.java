/**
 * Where the operator's settings come from: the ConfigMap and the environment. See
 * docs/architecture.md for the package map and its rules.
 */
package dev.imagestreams.operator.config;
