package dev.imagestreams.engine.planning;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagReferencePolicy;
import java.util.Optional;

/**
 * The pull spec a consumer of a stream tag uses, as OpenShift resolves it for image change triggers
 * and image lookup: the tag's newest status item ({@code status.tags[].items[0]}) with the spec
 * tag's {@code referencePolicy} applied.
 *
 * <ul>
 *   <li>{@code Source} (the default, and any tag without a spec tag): the item's {@code
 *       dockerImageReference}, the user's spelling of the repository with the digest, or the tag
 *       pull spec of a {@code reference: true} tag (whose item has no image).
 *   <li>{@code Local}: {@code status.dockerImageRepository@<image>}, falling back to Source when
 *       the stream has no internal repository or the item no image.
 * </ul>
 *
 * A tag with no status items (not imported yet, or only failed imports) does not resolve: its
 * consumers are left as they are. Pure: the stream is passed in.
 */
public final class TagPullSpec {
  /** OpenShift's default tag, used when a tag name is empty. */
  public static final String DEFAULT_TAG = "latest";

  private TagPullSpec() {}

  /**
   * How a stream tag resolves.
   *
   * @param pullSpec the pull spec to use, or null when the tag does not resolve
   * @param image the digest of the image, or null (none for a {@code reference: true} tag)
   * @param unresolved why the tag does not resolve, or null when it does
   */
  public record Resolution(String pullSpec, String image, Unresolved unresolved) {
    /** Whether the tag resolved to a pull spec. */
    public boolean resolved() {
      return pullSpec != null;
    }

    /** The pull spec, if the tag resolved. */
    public Optional<String> value() {
      return Optional.ofNullable(pullSpec);
    }

    static Resolution of(String pullSpec, String image) {
      return new Resolution(pullSpec, emptyToNull(image), null);
    }

    static Resolution not(Unresolved why) {
      return new Resolution(null, null, why);
    }
  }

  /** Why a tag gives no pull spec. */
  public enum Unresolved {
    /** The stream's status has no such tag (not imported yet, or no such tag at all). */
    NO_STATUS_TAG,
    /** The status tag has no items (every import so far failed). */
    NO_ITEMS,
    /** The newest item has no pull spec (a status written by hand). */
    NO_PULL_SPEC
  }

  /**
   * Resolves {@code tag} of {@code stream}.
   *
   * @param stream the stream, as stored
   * @param tag the tag name; empty or null means {@value #DEFAULT_TAG}
   */
  public static Resolution resolve(ImageStream stream, String tag) {
    String name = tag == null || tag.isEmpty() ? DEFAULT_TAG : tag;
    ImageStreamStatus status = stream.getStatus();
    Optional<NamedTagEventList> tagStatus = status == null ? Optional.empty() : status.tag(name);
    if (tagStatus.isEmpty()) {
      return Resolution.not(Unresolved.NO_STATUS_TAG);
    }
    Optional<TagEvent> latest = tagStatus.get().current();
    if (latest.isEmpty()) {
      return Resolution.not(Unresolved.NO_ITEMS);
    }
    TagEvent item = latest.get();
    if (isEmpty(item.dockerImageReference())) {
      return Resolution.not(Unresolved.NO_PULL_SPEC);
    }
    Optional<TagReference> spec =
        stream.getSpec() == null ? Optional.empty() : stream.getSpec().tag(name);
    if (spec.isPresent() && local(spec.get().referencePolicy())) {
      String repository = status.dockerImageRepository();
      if (!isEmpty(repository) && !isEmpty(item.image())) {
        return Resolution.of(repository + "@" + item.image(), item.image());
      }
    }
    return Resolution.of(item.dockerImageReference(), item.image());
  }

  private static boolean local(TagReferencePolicy policy) {
    return policy != null && "Local".equals(policy.type());
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  private static String emptyToNull(String s) {
    return isEmpty(s) ? null : s;
  }
}
