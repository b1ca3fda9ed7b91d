/**
 * The cluster configuration: {@code ImportConfig} declares each key once (type, default, bounds),
 * and {@code ImportConfigParser} binds the ConfigMap's document to it strictly, with one-line
 * errors that name the key. Pure: no Kubernetes client (the front end reads the ConfigMaps).
 */
package dev.imagestreams.engine.config;
