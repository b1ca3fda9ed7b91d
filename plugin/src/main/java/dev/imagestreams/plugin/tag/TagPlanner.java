package dev.imagestreams.plugin.tag;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagImportPolicy;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagReferencePolicy;
import dev.imagestreams.api.v1.TagSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a checked {@link TagRequest} into the spec tags to write and {@code oc tag}'s output lines.
 * Pure: the source stream, when a stream tag must be pinned to its current image, is passed in.
 */
public final class TagPlanner {
  /** One destination's new spec tag and the line to print. */
  public record Change(StreamTagName destination, TagReference tag, String message) {}

  /** Where the destinations will point, and how the output names it. */
  public record ResolvedSource(TagSource from, String display) {}

  private TagPlanner() {}

  /**
   * Resolves the source: a stream tag without {@code --alias} is pinned to its current image
   * ({@code ImageStreamImage stream@digest}), as {@code oc tag} does on the client.
   *
   * @param streams reads a source stream
   */
  public static ResolvedSource resolve(
      TagRequest request,
      String currentNamespace,
      Function<StreamTagName, Optional<ImageStream>> streams) {
    String source = request.source();
    switch (request.sourceKind()) {
      case TagSource.IMAGE_STREAM_TAG -> {
        StreamTagName name = StreamTagName.parseSource(source, currentNamespace);
        String namespace = name.namespace().equals(currentNamespace) ? null : name.namespace();
        if (request.alias()) {
          return new ResolvedSource(
              TagSource.of(TagSource.IMAGE_STREAM_TAG, name.streamTag(), namespace), source);
        }
        ImageStream stream =
            streams
                .apply(name)
                .orElseThrow(
                    () ->
                        new TagRequest.InvalidTagRequest(
                            "Error from server (NotFound): imagestreams.image.openshift.io \""
                                + name.stream()
                                + "\" not found"));
        TagEvent current =
            Optional.ofNullable(stream.getStatus())
                .flatMap(s -> s.tag(name.tag()))
                .flatMap(NamedTagEventList::current)
                .orElse(null);
        if (current != null && notEmpty(current.image())) {
          String pinned = name.stream() + "@" + current.image();
          String display = (name.namespaceWritten() ? name.namespace() + "/" : "") + pinned;
          return new ResolvedSource(
              TagSource.of(TagSource.IMAGE_STREAM_IMAGE, pinned, namespace), display);
        }
        if (current != null && notEmpty(current.dockerImageReference())) {
          return new ResolvedSource(
              TagSource.of(TagSource.DOCKER_IMAGE, current.dockerImageReference(), null),
              current.dockerImageReference());
        }
        throw new TagRequest.InvalidTagRequest(
            "\""
                + source
                + "\" is not currently pointing to an image, cannot use it as the source of a tag");
      }
      case TagSource.IMAGE_STREAM_IMAGE -> {
        StreamTagName name = StreamTagName.parseImage(source, currentNamespace);
        String namespace = name.namespace().equals(currentNamespace) ? null : name.namespace();
        return new ResolvedSource(
            TagSource.of(TagSource.IMAGE_STREAM_IMAGE, name.stream() + "@" + name.tag(), namespace),
            source);
      }
      default -> {
        return new ResolvedSource(TagSource.of(TagSource.DOCKER_IMAGE, source, null), source);
      }
    }
  }

  /** The new spec tag of every destination and the line {@code oc tag} prints for it. */
  public static List<Change> plan(
      TagRequest request, ResolvedSource source, String currentNamespace) {
    return request.destinations().stream()
        .map(
            destination -> {
              TagReference tag =
                  new TagReference(
                      destination.tag(),
                      null,
                      source.from(),
                      request.reference(),
                      null,
                      new TagImportPolicy(
                          request.insecure(), request.scheduled(), request.importMode()),
                      new TagReferencePolicy(request.referencePolicy()));
              return new Change(
                  destination, tag, message(request, source, destination, currentNamespace));
            })
        .toList();
  }

  /** {@code oc tag -d}'s line. */
  public static String deleted(StreamTagName destination) {
    return "Deleted tag " + destination.namespace() + "/" + destination.streamTag() + ".";
  }

  private static String message(
      TagRequest request,
      ResolvedSource source,
      StreamTagName destination,
      String currentNamespace) {
    boolean sameNamespace = destination.namespace().equals(currentNamespace);
    String dest =
        sameNamespace
            ? destination.streamTag()
            : destination.namespace() + "/" + destination.streamTag();
    if (request.alias()) {
      return "Tag " + dest + " set up to track " + source.display() + ".";
    }
    if (request.scheduled()) {
      return sameNamespace
          ? "Tag " + dest + " set to import " + source.display() + " periodically."
          : "Tag " + dest + " set to " + source.display() + " periodically.";
    }
    return "Tag " + dest + " set to " + source.display() + ".";
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
