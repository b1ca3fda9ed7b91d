/**
 * Where the cluster configuration comes from: the ConfigMap of the operator's namespace, read and
 * watched ({@code ConfigSource}); the engine's configuration package parses it.
 */
package dev.imagestreams.operator.config;
