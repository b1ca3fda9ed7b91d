package dev.imagestreams.engine.resolution;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEventCondition;
import dev.imagestreams.engine.planning.StreamLookup;
import dev.imagestreams.engine.planning.TagPullSpec;
import java.util.Optional;

/**
 * Image reference resolution as OpenShift's {@code image.openshift.io/ImagePolicy} admission plugin
 * does it, for one container image of an object in {@code namespace}:
 *
 * <ul>
 *   <li>a digest reference is never rewritten;
 *   <li>only a <em>local name</em> ({@code name[:tag]}, no registry, no namespace) is looked up,
 *       unless {@code resolveAll} (the object's {@code resolve-names: "*"} annotation): then the
 *       registry and namespace are dropped and the last segment is looked up;
 *   <li>the name is the ImageStreamTag {@code name:tag} ({@code latest} when no tag is written) of
 *       the namespace, and only a stream with {@code spec.lookupPolicy.local: true} (or {@code
 *       resolveAll}) resolves it;
 *   <li>the result is the tag's current image with its reference policy applied ({@link
 *       TagPullSpec}, shared with the image change triggers), pinned to its digest;
 *   <li>a tag without an image, in such a stream with a {@code status.dockerImageRepository},
 *       becomes {@code dockerImageRepository:tag}.
 * </ul>
 *
 * <p>Two deliberate differences: a local name whose stream asks for resolution but has no image for
 * the tag is <em>refused</em> with a message that names the image and why (OpenShift lets it fall
 * through to {@code docker.io/library/NAME}); and a {@code reference: true} tag resolves to the
 * pull spec it records (OpenShift treats it as missing). Pure.
 */
public final class ImageLookup {
  private ImageLookup() {}

  /**
   * Resolves one image.
   *
   * @param image the container's image as written
   * @param namespace the object's namespace
   * @param resolveAll whether the object asks every name to be resolved ({@code resolve-names})
   * @param streams the namespace's streams
   */
  public static LookupResult resolve(
      String image, String namespace, boolean resolveAll, StreamLookup streams) {
    Optional<LookupName> parsed = LookupName.parse(image);
    if (parsed.isEmpty()) {
      return new LookupResult.Unchanged("not a valid image reference");
    }
    LookupName name = parsed.get();
    if (!name.digest().isEmpty()) {
      return new LookupResult.Unchanged("a digest reference is never rewritten");
    }
    if (!resolveAll && !name.local()) {
      return new LookupResult.Unchanged("not a local name");
    }
    Optional<ImageStream> found = streams.get(namespace, name.name());
    if (found.isEmpty()) {
      return new LookupResult.Unchanged("no ImageStream " + namespace + "/" + name.name());
    }
    ImageStream stream = found.get();
    String streamId = namespace + "/" + name.name();
    if (!resolveAll && !localLookup(stream)) {
      return new LookupResult.Unchanged(
          "ImageStream " + streamId + " does not set lookupPolicy.local");
    }
    String tag = name.tagOrLatest();
    TagPullSpec.Resolution current = TagPullSpec.resolve(stream, tag);
    if (current.resolved()) {
      return new LookupResult.Rewrite(pinned(current), streamId, tag);
    }
    String repository = status(stream).dockerImageRepository();
    if (repository != null && !repository.isEmpty()) {
      return new LookupResult.Rewrite(repository + ":" + tag, streamId, tag);
    }
    if (!name.local()) {
      return new LookupResult.Unchanged(
          "ImageStream " + streamId + " has no image for tag " + tag + "; kept as written");
    }
    return new LookupResult.Refusal(refusal(image, streamId, stream, tag, resolveAll));
  }

  /** Whether the stream sets {@code spec.lookupPolicy.local: true}. */
  public static boolean localLookup(ImageStream stream) {
    return stream.getSpec() != null
        && stream.getSpec().lookupPolicy() != null
        && Boolean.TRUE.equals(stream.getSpec().lookupPolicy().local());
  }

  /**
   * The resolved pull spec pinned to its image, as OpenShift's admission plugin writes it: the tag
   * removed and {@code @image} added (a {@code reference: true} tag, which has no image, as
   * recorded).
   */
  private static String pinned(TagPullSpec.Resolution current) {
    return current.image() == null
        ? current.pullSpec()
        : repositoryOf(current.pullSpec()) + "@" + current.image();
  }

  /** A pull spec without its tag and digest. */
  static String repositoryOf(String pullSpec) {
    String out = pullSpec;
    int at = out.indexOf('@');
    if (at >= 0) {
      out = out.substring(0, at);
    }
    int colon = out.lastIndexOf(':');
    if (colon > out.lastIndexOf('/')) {
      out = out.substring(0, colon);
    }
    return out;
  }

  private static String refusal(
      String image, String streamId, ImageStream stream, String tag, boolean resolveAll) {
    String why;
    Optional<NamedTagEventList> statusTag = status(stream).tag(tag);
    Optional<TagEventCondition> failed =
        statusTag
            .flatMap(NamedTagEventList::importCondition)
            .filter(c -> "False".equals(c.status()));
    boolean inSpec = stream.getSpec() != null && stream.getSpec().tag(tag).isPresent();
    if (failed.isPresent()) {
      why = "its import failed: " + failed.get().message();
    } else if (inSpec) {
      why = "it has not been imported yet";
    } else {
      why = "the stream has no tag " + tag;
    }
    return "image \""
        + image
        + "\" could not be resolved: ImageStream "
        + streamId
        + (resolveAll
            ? " is asked for by the resolve-names annotation, but tag "
            : " resolves local names (lookupPolicy.local), but tag ")
        + tag
        + " has no image: "
        + why
        + " (refused rather than pulled from docker.io)";
  }

  private static ImageStreamStatus status(ImageStream stream) {
    ImageStreamStatus status = stream.getStatus();
    return status != null
        ? status
        : new ImageStreamStatus(null, null, null, null, null, null, null, null, null, null);
  }
}
