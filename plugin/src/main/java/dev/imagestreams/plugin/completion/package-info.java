/**
 * Shell completion shared by every verb: picocli's {@code generate-completion} script for the
 * {@code kubectl-imagestream} command, and {@link
 * dev.imagestreams.plugin.completion.CompleteCommand} for kubectl's own completion of {@code
 * kubectl imagestream ...} through the {@code kubectl_complete-imagestream} helper.
 */
package dev.imagestreams.plugin.completion;
