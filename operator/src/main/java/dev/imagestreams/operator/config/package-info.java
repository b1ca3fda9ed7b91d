/**
 * The operator's configuration: {@code ImportConfig} and its parser are pure values; {@code
 * ConfigSource} reads and watches the ConfigMap (Kubernetes client). Depends on no other operator
 * package.
 */
package dev.imagestreams.operator.config;
