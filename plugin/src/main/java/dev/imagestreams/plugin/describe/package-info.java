/**
 * {@code kubectl imagestream describe} and {@code get}: {@code oc describe}'s layout for streams
 * ({@link dev.imagestreams.plugin.describe.StreamDescriber}, each tag's section by {@link
 * dev.imagestreams.plugin.describe.TagDescriber}) and tags' images ({@link
 * dev.imagestreams.plugin.describe.ImageDescriber}), OpenShift's {@code ImageStreamTag} object
 * ({@link dev.imagestreams.plugin.describe.ImageStreamTags}) and the image a tag recorded ({@link
 * dev.imagestreams.plugin.describe.RecordedImages}: the status record, else the registry by
 * digest). The describers are pure; the commands do the I/O.
 */
package dev.imagestreams.plugin.describe;
