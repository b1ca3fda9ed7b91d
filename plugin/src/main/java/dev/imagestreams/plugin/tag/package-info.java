/**
 * {@code kubectl imagestream tag}: {@code oc tag}'s rules ({@link
 * dev.imagestreams.plugin.tag.TagRequest}, pure), the spec tags and output lines it leads to
 * ({@link dev.imagestreams.plugin.tag.TagPlanner}, pure) and the command that writes them ({@link
 * dev.imagestreams.plugin.tag.TagCommand}).
 */
package dev.imagestreams.plugin.tag;
