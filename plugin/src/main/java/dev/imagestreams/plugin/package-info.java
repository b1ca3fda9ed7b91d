/**
 * {@code kubectl imagestream}: the {@code oc} verbs of the OpenShift documentation for the
 * ImageStreams this operator serves. {@link dev.imagestreams.plugin.KubectlImagestream} is the
 * entry point; each verb is a picocli subcommand registered there.
 */
package dev.imagestreams.plugin;
