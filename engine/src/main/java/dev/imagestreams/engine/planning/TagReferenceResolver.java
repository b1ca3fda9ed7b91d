package dev.imagestreams.engine.planning;

import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.StreamReference;
import dev.imagestreams.api.v1.TagConditionReason;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.engine.imports.ImportFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves {@code ImageStreamTag} and {@code ImageStreamImage} tags to the image they point at.
 * Pure: this stream's tags come from {@link LocalTags} (their statuses as being composed), other
 * streams from a {@link StreamLookup}.
 *
 * <p>{@code ImageStreamTag} follows the source tag's current image continuously, in the same stream
 * and across streams (OpenShift copies cross-stream references once; pin with {@code
 * ImageStreamImage} instead). Chains resolve; a cycle, a missing source stream or tag, a source
 * without an image and an ungranted cross-namespace reference each give a precise failure.
 */
public final class TagReferenceResolver {
  /** What a reference resolved to. */
  public sealed interface Resolution {
    /** The current image of the source, with its metadata record when known. */
    record Resolved(TagEvent event, Image image) implements Resolution {}

    /** The reference cannot be resolved. */
    record Failed(ImportFailure failure) implements Resolution {}

    /** The source in this stream is still being imported. */
    record Waiting() implements Resolution {}
  }

  /** This stream's tags while its status is being composed. */
  public interface LocalTags {
    /** The plan of a spec tag, if the tag is in the spec. */
    Optional<TagPlan> plan(String tag);

    /** The composed status of a tag that is not a reference, or null. */
    NamedTagEventList status(String tag);

    /** Whether the tag's import is still in flight. */
    boolean pending(String tag);

    /** Every composed status of a tag that is not a reference. */
    List<NamedTagEventList> statuses();

    /** The metadata record of an image of this stream, if known. */
    Optional<Image> image(String digest);
  }

  private static final int MAX_HOPS = 16;

  private final String namespace;
  private final String name;
  private final LocalTags local;
  private final StreamLookup streams;
  private final Map<String, Resolution> resolved = new HashMap<>();
  private final Set<String> visiting = new LinkedHashSet<>();

  public TagReferenceResolver(
      String namespace, String name, LocalTags local, StreamLookup streams) {
    this.namespace = namespace;
    this.name = name;
    this.local = local;
    this.streams = streams;
  }

  /** Resolves the reference tag {@code tag} (its plan must be a {@link TagPlan.Track}). */
  public Resolution resolve(String tag) {
    Resolution known = resolved.get(tag);
    if (known != null) {
      return known;
    }
    if (!visiting.add(tag)) {
      List<String> chain = new ArrayList<>(visiting);
      chain.add(tag);
      return failed(
          TagConditionReason.REFERENCE_CYCLE,
          "tag references form a cycle: " + String.join(" -> ", chain));
    }
    TagPlan.Track track = (TagPlan.Track) local.plan(tag).orElseThrow();
    Resolution resolution = resolveSource(tag, track.source());
    visiting.remove(tag);
    resolved.put(tag, resolution);
    return resolution;
  }

  private Resolution resolveSource(String tag, TagSource source) {
    Optional<StreamReference> parsed = source.streamReference(namespace, name);
    if (parsed.isEmpty()) {
      String form = source.isImageStreamImage() ? "stream@digest" : "[stream:]tag";
      return failed(
          TagConditionReason.INVALID_REFERENCE,
          source.kind() + " \"" + source.name() + "\" must be written " + form);
    }
    StreamReference ref = parsed.get();
    boolean self = ref.namespace().equals(namespace) && ref.stream().equals(name);
    if (ref.isImage()) {
      if (self) {
        return findImage(local.statuses(), ref.digest(), namespace + "/" + name, local::image);
      }
      Optional<ImageStream> other = streams.get(ref.namespace(), ref.stream());
      Optional<Resolution> refused = refusal(ref, other);
      if (refused.isPresent()) {
        return refused.get();
      }
      var status = other.get().getStatus();
      List<NamedTagEventList> tags = status == null ? List.of() : status.tagList();
      return findImage(
          tags,
          ref.digest(),
          ref.streamName(),
          d -> status == null ? Optional.empty() : status.image(d));
    }
    return self ? sameStream(ref.tag()) : otherStream(tag, ref);
  }

  private Resolution sameStream(String sourceTag) {
    Optional<TagPlan> plan = local.plan(sourceTag);
    if (plan.isPresent() && plan.get() instanceof TagPlan.Track) {
      return resolve(sourceTag);
    }
    if (local.pending(sourceTag)) {
      return new Resolution.Waiting();
    }
    NamedTagEventList status = local.status(sourceTag);
    if (plan.isEmpty() && status == null) {
      return failed(
          TagConditionReason.NOT_FOUND,
          "tag " + sourceTag + " does not exist in ImageStream " + namespace + "/" + name);
    }
    return current(status, sourceTag, namespace + "/" + name, local::image);
  }

  private Resolution otherStream(String tag, StreamReference ref) {
    Optional<ImageStream> other = streams.get(ref.namespace(), ref.stream());
    Optional<Resolution> refused = refusal(ref, other);
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<String> cycle = crossStreamCycle(tag, ref);
    if (cycle.isPresent()) {
      return failed(
          TagConditionReason.REFERENCE_CYCLE, "tag references form a cycle: " + cycle.get());
    }
    var status = other.get().getStatus();
    NamedTagEventList sourceStatus = status == null ? null : status.tag(ref.tag()).orElse(null);
    boolean inSpec =
        other.get().getSpec() != null && other.get().getSpec().tag(ref.tag()).isPresent();
    if (sourceStatus == null && !inSpec) {
      return failed(
          TagConditionReason.NOT_FOUND,
          "tag " + ref.tag() + " does not exist in ImageStream " + ref.streamName());
    }
    return current(
        sourceStatus,
        ref.tag(),
        ref.streamName(),
        d -> status == null ? Optional.empty() : status.image(d));
  }

  /** Why another stream may not be read: it does not exist, or it does not grant this namespace. */
  private Optional<Resolution> refusal(StreamReference ref, Optional<ImageStream> other) {
    if (other.isEmpty()) {
      return Optional.of(
          failed(
              TagConditionReason.NOT_FOUND, "ImageStream " + ref.streamName() + " does not exist"));
    }
    if (!ReferenceGrant.allows(other.get(), namespace)) {
      return Optional.of(
          failed(
              TagConditionReason.FORBIDDEN,
              ReferenceGrant.refusal(ref.namespace(), ref.stream(), namespace)));
    }
    return Optional.empty();
  }

  /**
   * Follows the source's spec references across streams looking for a way back to where we started.
   */
  private Optional<String> crossStreamCycle(String tag, StreamReference source) {
    List<String> chain = new ArrayList<>(List.of(namespace + "/" + name + ":" + tag));
    Set<String> seen = new HashSet<>(chain);
    StreamReference at = source;
    for (int hop = 0; hop < MAX_HOPS; hop++) {
      String here = at.streamName() + ":" + at.tag();
      chain.add(here);
      if (!seen.add(here)) {
        return Optional.of(String.join(" -> ", chain));
      }
      Optional<TagSource> next = specSource(at);
      if (next.isEmpty() || !next.get().isImageStreamTag()) {
        return Optional.empty();
      }
      Optional<StreamReference> following = next.get().streamReference(at.namespace(), at.stream());
      if (following.isEmpty()) {
        return Optional.empty();
      }
      at = following.get();
    }
    return Optional.empty();
  }

  /** The spec {@code from} of the referenced tag, if its stream and tag exist. */
  private Optional<TagSource> specSource(StreamReference ref) {
    return streams
        .get(ref.namespace(), ref.stream())
        .flatMap(s -> s.getSpec() == null ? Optional.empty() : s.getSpec().tag(ref.tag()))
        .map(TagReference::from);
  }

  private static Resolution current(
      NamedTagEventList status,
      String tag,
      String stream,
      Function<String, Optional<Image>> images) {
    Optional<TagEvent> current = status == null ? Optional.empty() : status.current();
    if (current.isEmpty() || current.get().image() == null || current.get().image().isEmpty()) {
      String why =
          status != null && status.importCondition().isPresent()
              ? ": its import failed (" + status.importCondition().get().reason() + ")"
              : " yet";
      return failed(
          TagConditionReason.NOT_FOUND,
          "tag " + tag + " of ImageStream " + stream + " has no image" + why);
    }
    return new Resolution.Resolved(current.get(), images.apply(current.get().image()).orElse(null));
  }

  private static Resolution findImage(
      List<NamedTagEventList> tags,
      String digest,
      String stream,
      Function<String, Optional<Image>> images) {
    Map<String, TagEvent> matches = new HashMap<>();
    for (NamedTagEventList t : tags) {
      for (TagEvent e : t.itemList()) {
        if (e.image() != null
            && !e.image().isEmpty()
            && (e.image().equals(digest) || e.image().startsWith(digest))) {
          matches.putIfAbsent(e.image(), e);
        }
      }
    }
    if (matches.isEmpty()) {
      return failed(
          TagConditionReason.NOT_FOUND,
          "image " + digest + " not found in the history of ImageStream " + stream);
    }
    if (matches.size() > 1) {
      return failed(
          TagConditionReason.CONFLICT,
          "digest prefix "
              + digest
              + " matches "
              + matches.size()
              + " images of ImageStream "
              + stream);
    }
    TagEvent event = matches.values().iterator().next();
    return new Resolution.Resolved(event, images.apply(event.image()).orElse(null));
  }

  private static Resolution failed(TagConditionReason reason, String message) {
    return new Resolution.Failed(ImportFailure.permanent(reason, message));
  }
}
