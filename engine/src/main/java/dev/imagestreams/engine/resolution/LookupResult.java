package dev.imagestreams.engine.resolution;

/** What {@link ImageLookup} decided for one container image. */
public sealed interface LookupResult {
  /** The image stays as written; {@code why} says why (for logs and tests). */
  record Unchanged(String why) implements LookupResult {}

  /**
   * The image becomes {@code image}, the stream tag's.
   *
   * @param image the new image
   * @param stream the stream that resolved it, {@code namespace/name}
   * @param tag the tag looked up
   */
  record Rewrite(String image, String stream, String tag) implements LookupResult {}

  /**
   * The name must resolve (its stream asks for it) but cannot: the request is refused with {@code
   * message} rather than let the name fall through to Docker Hub.
   */
  record Refusal(String message) implements LookupResult {}
}
