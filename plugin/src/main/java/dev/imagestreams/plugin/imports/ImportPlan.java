package dev.imagestreams.plugin.imports;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.TagImportPolicy;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagReferencePolicy;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.plugin.cluster.CommandFailure;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code import NAME[:TAG]} must do, with {@code oc import-image}'s rules and messages: which
 * tag the result is read from, and the spec tag to write first, if any. Pure.
 *
 * @param stream the stream
 * @param tag the tag whose import is awaited (an alias is followed to the tag it tracks)
 * @param write the spec tag to write before requesting the import, or null
 */
public record ImportPlan(String stream, String tag, TagReference write) {

  /** The command's arguments. */
  public record Request(
      String name,
      String from,
      boolean confirm,
      Boolean scheduled,
      Boolean insecure,
      String importMode) {}

  public static ImportPlan plan(Request request, Optional<ImageStream> existing) {
    String name = request.name();
    if (name.contains("@")) {
      throw new CommandFailure("to import images by ID, use the 'tag' command");
    }
    int colon = name.indexOf(':');
    String stream = colon < 0 ? name : name.substring(0, colon);
    String tag = colon < 0 ? "latest" : name.substring(colon + 1);
    if (stream.isEmpty() || tag.isEmpty()) {
      throw new CommandFailure("\"" + name + "\" must be of the form NAME[:TAG]");
    }
    if (request.importMode() != null
        && !request.importMode().equals("Legacy")
        && !request.importMode().equals("PreserveOriginal")) {
      throw new CommandFailure("valid ImportMode values are Legacy or PreserveOriginal");
    }
    if (existing.isEmpty()) {
      if (!request.confirm()) {
        throw new CommandFailure(
            "no image stream named \"" + stream + "\" exists, pass --confirm to create and import");
      }
      return created(stream, tag, request);
    }
    ImageStream current = existing.get();
    if (current.getSpec().tag(tag).isEmpty()) {
      if (request.from() == null && !request.confirm()) {
        throw new CommandFailure(
            "the tag \""
                + tag
                + "\" does not exist on the image stream - choose an existing tag to import or"
                + " use the 'tag' command to create a new tag");
      }
      return created(stream, tag, request);
    }
    return reimport(current, stream, tag, request);
  }

  /** A new tag (of a new stream, with {@code --confirm}): from {@code --from}, else NAME:TAG. */
  private static ImportPlan created(String stream, String tag, Request request) {
    String from = request.from() != null ? request.from() : stream + ":" + tag;
    return new ImportPlan(stream, tag, newTag(tag, from, request, null));
  }

  /**
   * Another import of an existing tag (an alias: of the tag it tracks), which must come from an
   * external image; its import policy is written when a flag changes it.
   */
  private static ImportPlan reimport(
      ImageStream current, String stream, String tag, Request request) {
    String target = followAlias(current, tag);
    TagReference targetTag = current.getSpec().tag(target).orElseThrow();
    TagSource from = targetTag.from();
    if (from == null || !from.isDockerImage()) {
      throw new CommandFailure(
          "tag \""
              + target
              + "\" points to existing "
              + (from == null ? "nothing" : from.kind() + " \"" + from.name() + "\"")
              + ", it cannot be re-imported");
    }
    if (request.from() != null && !request.from().equals(from.name())) {
      throw new CommandFailure(
          "tag \""
              + target
              + "\" already exists - you must use the 'tag' command if you want to change the"
              + " source to \""
              + request.from()
              + "\"");
    }
    TagReference updated = newTag(target, from.name(), request, targetTag);
    boolean changed =
        !Objects.equals(updated.importPolicy(), targetTag.importPolicy())
            && (request.scheduled() != null
                || request.insecure() != null
                || request.importMode() != null);
    return new ImportPlan(stream, target, changed ? updated : null);
  }

  private static TagReference newTag(
      String tag, String from, Request request, TagReference existing) {
    TagImportPolicy old = existing == null ? null : existing.importPolicy();
    boolean scheduled =
        request.scheduled() != null
            ? request.scheduled()
            : old != null && Boolean.TRUE.equals(old.scheduled());
    boolean insecure =
        request.insecure() != null
            ? request.insecure()
            : old != null && Boolean.TRUE.equals(old.insecure());
    String mode =
        request.importMode() != null ? request.importMode() : old == null ? null : old.importMode();
    return new TagReference(
        tag,
        existing == null ? null : existing.annotations(),
        TagSource.of(TagSource.DOCKER_IMAGE, from, null),
        existing == null ? false : existing.referenceOnly(),
        null,
        new TagImportPolicy(insecure, scheduled, mode),
        existing == null || existing.referencePolicy() == null
            ? new TagReferencePolicy("Source")
            : existing.referencePolicy());
  }

  private static String followAlias(ImageStream stream, String tag) {
    String current = tag;
    for (int hops = 0; hops < 100; hops++) {
      TagReference ref = stream.getSpec().tag(current).orElse(null);
      if (ref == null || ref.from() == null || !ref.from().isImageStreamTag()) {
        return current;
      }
      String ns = ref.from().namespace();
      if (ns != null && !ns.isEmpty() && !ns.equals(stream.getMetadata().getNamespace())) {
        return current;
      }
      String name = ref.from().name();
      int colon = name.indexOf(':');
      if (colon >= 0) {
        if (!name.substring(0, colon).equals(stream.getMetadata().getName())) {
          return current;
        }
        name = name.substring(colon + 1);
      }
      if (stream.getSpec().tag(name).isEmpty()) {
        return current;
      }
      current = name;
    }
    return current;
  }
}
