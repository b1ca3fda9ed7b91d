/**
 * {@code kubectl imagestream describe} and {@code get}: {@code oc describe}'s layout for streams
 * ({@link dev.imagestreams.plugin.describe.StreamDescriber}) and tags ({@link
 * dev.imagestreams.plugin.describe.ImageDescriber}), OpenShift's {@code ImageStreamTag} object
 * ({@link dev.imagestreams.plugin.describe.ImageStreamTags}), the image a tag recorded ({@link
 * dev.imagestreams.plugin.describe.RecordedImages}: the status record, else the registry by digest)
 * and kubectl's output formats, JSONPath included. The describers and formats are pure; the
 * commands do the I/O.
 */
package dev.imagestreams.plugin.describe;
