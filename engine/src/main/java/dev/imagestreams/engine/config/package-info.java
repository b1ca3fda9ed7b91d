/**
 * The operator's configuration: {@code ImportConfig} and its parser are pure values; {@code
 * ConfigYaml} names the document's keys, each once, and {@code StrictYaml} binds the document to it
 * and checks every value ({@code StrictValues}); {@code ConfigSource} reads and watches the
 * ConfigMap (Kubernetes client). Depends on no other operator package.
 */
package dev.imagestreams.engine.config;
