package dev.imagestreams.api.v1;

/**
 * What an {@code ImageStreamTag} or {@code ImageStreamImage} source points at: a stream, and a tag
 * or an image of it.
 *
 * @param namespace the source stream's namespace
 * @param stream the source stream's name
 * @param tag the tag, for {@code ImageStreamTag}; null otherwise
 * @param digest the image digest (or a unique prefix of it), for {@code ImageStreamImage}; null
 *     otherwise
 */
public record StreamReference(String namespace, String stream, String tag, String digest) {

  /** Whether it names an image by digest rather than a tag. */
  public boolean isImage() {
    return digest != null;
  }

  /** {@code namespace/stream}, as messages name a stream. */
  public String streamName() {
    return namespace + "/" + stream;
  }
}
