/**
 * {@code kubectl imagestream set ...}: {@code oc set}'s verbs for ImageStreams and the workloads
 * that use them ({@code image-lookup}). See docs/architecture.md for the package map.
 */
package dev.imagestreams.plugin.set;
