package dev.imagestreams.operator.planning;

import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.operator.importer.ImportFailure;
import dev.imagestreams.registry.error.ErrorKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  public TagReferenceResolver(String namespace, String name, LocalTags local, StreamLookup streams) {
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
      return failed("ReferenceCycle", "tag references form a cycle: " + String.join(" -> ", chain));
    }
    TagPlan.Track track = (TagPlan.Track) local.plan(tag).orElseThrow();
    Resolution resolution = resolveSource(tag, track.source());
    visiting.remove(tag);
    resolved.put(tag, resolution);
    return resolution;
  }

  private Resolution resolveSource(String tag, TagSource source) {
    String sourceNamespace = source.namespace() == null || source.namespace().isEmpty() ? namespace : source.namespace();
    if (source.isImageStreamImage()) {
      int at = source.name().indexOf('@');
      if (at <= 0 || at == source.name().length() - 1) {
        return failed(ErrorKind.INVALID_REFERENCE.reason(),
            "ImageStreamImage \"" + source.name() + "\" must be written stream@digest");
      }
      String stream = source.name().substring(0, at);
      String digest = source.name().substring(at + 1);
      if (sourceNamespace.equals(namespace) && stream.equals(name)) {
        return findImage(local.statuses(), digest, namespace + "/" + name, local::image);
      }
      Optional<ImageStream> other = streams.get(sourceNamespace, stream);
      if (other.isEmpty()) {
        return failed("NotFound", "ImageStream " + sourceNamespace + "/" + stream + " does not exist");
      }
      if (!ReferenceGrant.allows(other.get(), namespace)) {
        return failed("Forbidden", ReferenceGrant.refusal(sourceNamespace, stream, namespace));
      }
      var status = other.get().getStatus();
      List<NamedTagEventList> tags = status == null ? List.of() : status.tagList();
      return findImage(tags, digest, sourceNamespace + "/" + stream,
          d -> status == null ? Optional.empty() : status.image(d));
    }
    String stream = name;
    String sourceTag = source.name();
    int colon = sourceTag.indexOf(':');
    if (sourceTag.indexOf('@') >= 0 || colon == 0 || colon == sourceTag.length() - 1) {
      return failed(ErrorKind.INVALID_REFERENCE.reason(),
          "ImageStreamTag \"" + source.name() + "\" must be written [stream:]tag");
    }
    if (colon > 0) {
      stream = sourceTag.substring(0, colon);
      sourceTag = sourceTag.substring(colon + 1);
    }
    if (sourceNamespace.equals(namespace) && stream.equals(name)) {
      return sameStream(sourceTag);
    }
    return otherStream(tag, sourceNamespace, stream, sourceTag);
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
      return failed("NotFound", "tag " + sourceTag + " does not exist in ImageStream " + namespace + "/" + name);
    }
    return current(status, sourceTag, namespace + "/" + name, local::image);
  }

  private Resolution otherStream(String tag, String sourceNamespace, String stream, String sourceTag) {
    Optional<ImageStream> other = streams.get(sourceNamespace, stream);
    if (other.isEmpty()) {
      return failed("NotFound", "ImageStream " + sourceNamespace + "/" + stream + " does not exist");
    }
    if (!ReferenceGrant.allows(other.get(), namespace)) {
      return failed("Forbidden", ReferenceGrant.refusal(sourceNamespace, stream, namespace));
    }
    Optional<String> cycle = crossStreamCycle(tag, sourceNamespace, stream, sourceTag);
    if (cycle.isPresent()) {
      return failed("ReferenceCycle", "tag references form a cycle: " + cycle.get());
    }
    var status = other.get().getStatus();
    NamedTagEventList sourceStatus = status == null ? null : status.tag(sourceTag).orElse(null);
    boolean inSpec = other.get().getSpec() != null && other.get().getSpec().tag(sourceTag).isPresent();
    if (sourceStatus == null && !inSpec) {
      return failed("NotFound", "tag " + sourceTag + " does not exist in ImageStream " + sourceNamespace + "/" + stream);
    }
    return current(sourceStatus, sourceTag, sourceNamespace + "/" + stream,
        d -> status == null ? Optional.empty() : status.image(d));
  }

  /** Follows the source's spec references across streams looking for a way back to where we started. */
  private Optional<String> crossStreamCycle(String tag, String sourceNamespace, String stream, String sourceTag) {
    String origin = namespace + "/" + name + ":" + tag;
    List<String> chain = new ArrayList<>(List.of(origin));
    Set<String> seen = new HashSet<>(chain);
    String ns = sourceNamespace;
    String s = stream;
    String t = sourceTag;
    for (int hop = 0; hop < MAX_HOPS; hop++) {
      String here = ns + "/" + s + ":" + t;
      chain.add(here);
      if (!seen.add(here)) {
        return Optional.of(String.join(" -> ", chain));
      }
      Optional<ImageStream> stream2 = streams.get(ns, s);
      if (stream2.isEmpty() || stream2.get().getSpec() == null) {
        return Optional.empty();
      }
      Optional<TagReference> next = stream2.get().getSpec().tag(t);
      if (next.isEmpty() || next.get().from() == null || !next.get().from().isImageStreamTag()) {
        return Optional.empty();
      }
      TagSource from = next.get().from();
      String nextNs = from.namespace() == null || from.namespace().isEmpty() ? ns : from.namespace();
      String nextName = from.name();
      int colon = nextName.indexOf(':');
      String nextStream = colon > 0 ? nextName.substring(0, colon) : s;
      String nextTag = colon > 0 ? nextName.substring(colon + 1) : nextName;
      ns = nextNs;
      s = nextStream;
      t = nextTag;
    }
    return Optional.empty();
  }

  private static Resolution current(
      NamedTagEventList status, String tag, String stream, java.util.function.Function<String, Optional<Image>> images) {
    Optional<TagEvent> current = status == null ? Optional.empty() : status.current();
    if (current.isEmpty() || current.get().image() == null || current.get().image().isEmpty()) {
      String why =
          status != null && status.importCondition().isPresent()
              ? ": its import failed (" + status.importCondition().get().reason() + ")"
              : " yet";
      return failed("NotFound", "tag " + tag + " of ImageStream " + stream + " has no image" + why);
    }
    return new Resolution.Resolved(current.get(), images.apply(current.get().image()).orElse(null));
  }

  private static Resolution findImage(
      List<NamedTagEventList> tags, String digest, String stream, java.util.function.Function<String, Optional<Image>> images) {
    Map<String, TagEvent> matches = new HashMap<>();
    for (NamedTagEventList t : tags) {
      for (TagEvent e : t.itemList()) {
        if (e.image() != null && !e.image().isEmpty() && (e.image().equals(digest) || e.image().startsWith(digest))) {
          matches.putIfAbsent(e.image(), e);
        }
      }
    }
    if (matches.isEmpty()) {
      return failed("NotFound", "image " + digest + " not found in the history of ImageStream " + stream);
    }
    if (matches.size() > 1) {
      return failed("Conflict", "digest prefix " + digest + " matches " + matches.size() + " images of ImageStream " + stream);
    }
    TagEvent event = matches.values().iterator().next();
    return new Resolution.Resolved(event, images.apply(event.image()).orElse(null));
  }

  private static Resolution failed(String reason, String message) {
    return new Resolution.Failed(ImportFailure.permanent(reason, message));
  }
}
