package dev.imagestreams.operator.status;

import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagEventCondition;
import dev.imagestreams.operator.config.ImportConfig;
import dev.imagestreams.operator.imports.ImportFailure;
import dev.imagestreams.operator.imports.ImportOutcome;
import dev.imagestreams.operator.planning.StreamLookup;
import dev.imagestreams.operator.planning.StreamPlan;
import dev.imagestreams.operator.planning.TagPlan;
import dev.imagestreams.operator.planning.TagReferenceResolver;
import dev.imagestreams.operator.planning.TagReferenceResolver.Resolution;
import dev.imagestreams.registry.ResolvedImage;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a stream's new status from its plan and the import results at hand. Pure: the one place
 * where the status model is built.
 *
 * <p>Status tags follow the spec (a removed spec tag loses its status tag, as {@code oc tag -d}
 * does) and are sorted by name, as OpenShift emits them. While any import is in flight the status
 * is {@linkplain Result#complete() incomplete}: {@code observedGeneration}, {@code Ready} and the
 * handled import request stay as they were.
 */
public final class StatusComposer {
  /** Set on a stream whose spec.dockerImageRepository is set: it is stored, not acted on. */
  static final String REPOSITORY_IMPORT_NOTE =
      "; spec.dockerImageRepository is not imported: whole-repository import is not supported";

  private StatusComposer() {}

  /**
   * What the status is computed from.
   *
   * @param stream the stream, with its current status
   * @param plan its plan
   * @param outcomes import results to apply, by tag (for the tag's current key only)
   * @param pending tags whose import is in flight
   * @param streams other streams, for references
   * @param config the cluster configuration
   * @param now the current time
   */
  public record Input(
      ImageStream stream,
      StreamPlan plan,
      Map<String, ImportOutcome> outcomes,
      Set<String> pending,
      StreamLookup streams,
      ImportConfig config,
      Instant now) {}

  /**
   * The new status.
   *
   * @param status the status
   * @param changes transitions worth an Event
   * @param complete whether every tag is resolved (no import in flight)
   */
  public record Result(ImageStreamStatus status, List<TagChange> changes, boolean complete) {}

  public static Result compose(Input in) {
    ImageStream stream = in.stream();
    ImageStreamStatus old = stream.getStatus();
    long generation = generation(stream);
    String now = timestamp(in.now());
    int limit = in.config().historyLimit();

    Map<String, Image> images = new LinkedHashMap<>();
    if (old != null) {
      old.imageList().forEach(i -> images.put(i.name(), i));
    }
    Map<String, TagPlan> plans = new LinkedHashMap<>();
    in.plan().tags().forEach(p -> plans.put(p.tag(), p));
    Map<String, NamedTagEventList> composed = new HashMap<>();
    Set<String> waiting = new HashSet<>();

    for (TagPlan plan : in.plan().tags()) {
      NamedTagEventList before = old == null ? null : old.tag(plan.tag()).orElse(null);
      NamedTagEventList after = before; // Track is resolved below
      if (plan instanceof TagPlan.Record r) {
        after =
            TagHistory.succeeded(
                before,
                r.tag(),
                new TagEvent(now, r.pullSpec(), "", generation),
                r.observed(),
                null,
                limit);
      } else if (plan instanceof TagPlan.Reject r) {
        after = failed(before, r.tag(), r.failure(), r.observed(), now, generation);
      } else if (plan instanceof TagPlan.Import i) {
        after = imported(i, before, in, images, waiting, now, generation, limit);
      }
      if (after != null) {
        composed.put(plan.tag(), after);
      }
    }

    TagReferenceResolver resolver =
        new TagReferenceResolver(
            stream.getMetadata().getNamespace(),
            stream.getMetadata().getName(),
            localTags(plans, composed, waiting, images),
            in.streams());
    for (TagPlan plan : in.plan().tags()) {
      if (plan instanceof TagPlan.Track track) {
        NamedTagEventList before = old == null ? null : old.tag(track.tag()).orElse(null);
        NamedTagEventList after =
            tracked(
                track,
                before,
                resolver.resolve(track.tag()),
                stream,
                in.config(),
                images,
                waiting,
                now,
                generation,
                limit);
        if (after == null) {
          composed.remove(track.tag());
        } else {
          composed.put(track.tag(), after);
        }
      }
    }

    List<NamedTagEventList> tags = new ArrayList<>();
    for (String tag : plans.keySet()) {
      NamedTagEventList t = composed.get(tag);
      if (t != null && !TagHistory.isEmpty(t)) {
        tags.add(t);
      }
    }
    tags.sort(Comparator.comparing(NamedTagEventList::tag));

    boolean complete = waiting.isEmpty();
    String note =
        stream.getSpec() != null && notEmpty(stream.getSpec().dockerImageRepository())
            ? REPOSITORY_IMPORT_NOTE
            : "";
    Condition previousReady = old == null ? null : old.condition(ReadyCondition.READY).orElse(null);
    Condition ready =
        complete
            ? ReadyCondition.forTags(
                tags, in.plan().duplicateTags(), note, generation, now, previousReady)
            : previousReady;
    ImageStreamStatus status =
        assemble(
            stream,
            in.config(),
            tags,
            currentImages(tags, images),
            complete ? Long.valueOf(generation) : (old == null ? null : old.observedGeneration()),
            ready == null ? null : List.of(ready),
            complete && in.plan().importRequest() != null
                ? in.plan().importRequest()
                : (old == null ? null : old.lastHandledImportRequest()));
    return new Result(status, changes(old, tags), complete);
  }

  /** The status of a stream in a privileged namespace: nothing imported, Ready=False saying why. */
  public static ImageStreamStatus privileged(
      ImageStream stream, String why, ImportConfig config, Instant now) {
    ImageStreamStatus old = stream.getStatus();
    Condition previous = old == null ? null : old.condition(ReadyCondition.READY).orElse(null);
    Condition ready = ReadyCondition.privileged(why, generation(stream), timestamp(now), previous);
    List<NamedTagEventList> tags = old == null ? List.of() : old.tagList();
    return assemble(
        stream,
        config,
        tags,
        old == null ? List.of() : old.imageList(),
        generation(stream),
        List.of(ready),
        old == null ? null : old.lastHandledImportRequest());
  }

  private static NamedTagEventList imported(
      TagPlan.Import plan,
      NamedTagEventList before,
      Input in,
      Map<String, Image> images,
      Set<String> waiting,
      String now,
      long generation,
      int limit) {
    ImportOutcome outcome = in.outcomes().get(plan.tag());
    if (outcome == null) {
      if (in.pending().contains(plan.tag())) {
        waiting.add(plan.tag());
      }
      return before;
    }
    if (!outcome.succeeded()) {
      return failed(before, plan.tag(), outcome.failure(), plan.observed(), now, generation);
    }
    ResolvedImage image = outcome.image().forReference(plan.image());
    images.put(
        image.digest().toString(),
        ImageRecords.bounded(ImageRecords.of(image), in.config().maxImageMetadataBytes()));
    TagEvent event = new TagEvent(now, image.pullSpec(), image.digest().toString(), generation);
    return TagHistory.succeeded(
        before, plan.tag(), event, plan.observed(), image.sourceDigest().toString(), limit);
  }

  private static NamedTagEventList tracked(
      TagPlan.Track plan,
      NamedTagEventList before,
      Resolution resolution,
      ImageStream stream,
      ImportConfig config,
      Map<String, Image> images,
      Set<String> waiting,
      String now,
      long generation,
      int limit) {
    if (resolution instanceof Resolution.Failed f) {
      return failed(before, plan.tag(), f.failure(), plan.observed(), now, generation);
    }
    if (resolution instanceof Resolution.Resolved r) {
      String reference =
          localized(r.event().dockerImageReference(), r.event().image(), stream, config);
      if (r.image() != null) {
        images.putIfAbsent(r.image().name(), r.image());
      }
      TagEvent event = new TagEvent(r.event().created(), reference, r.event().image(), generation);
      return TagHistory.succeeded(before, plan.tag(), event, plan.observed(), null, limit);
    }
    waiting.add(plan.tag());
    return before;
  }

  /**
   * A pull spec into another stream's internal-registry repository becomes one into this stream's,
   * so pulls go through this namespace (OpenShift does the same).
   */
  static String localized(
      String reference, String digest, ImageStream stream, ImportConfig config) {
    String internal = config.internalRegistryHostname();
    if (internal == null
        || reference == null
        || digest == null
        || !reference.startsWith(internal + "/")) {
      return reference;
    }
    return internal
        + "/"
        + stream.getMetadata().getNamespace()
        + "/"
        + stream.getMetadata().getName()
        + "@"
        + digest;
  }

  private static NamedTagEventList failed(
      NamedTagEventList before,
      String tag,
      ImportFailure failure,
      dev.imagestreams.api.v1.ObservedTagSource observed,
      String now,
      long generation) {
    return TagHistory.failed(
        before, tag, failure.reason(), failure.message(), observed, now, generation);
  }

  private static TagReferenceResolver.LocalTags localTags(
      Map<String, TagPlan> plans,
      Map<String, NamedTagEventList> composed,
      Set<String> waiting,
      Map<String, Image> images) {
    return new TagReferenceResolver.LocalTags() {
      @Override
      public Optional<TagPlan> plan(String tag) {
        return Optional.ofNullable(plans.get(tag));
      }

      @Override
      public NamedTagEventList status(String tag) {
        return plans.get(tag) instanceof TagPlan.Track ? null : composed.get(tag);
      }

      @Override
      public boolean pending(String tag) {
        return waiting.contains(tag);
      }

      @Override
      public List<NamedTagEventList> statuses() {
        List<NamedTagEventList> out = new ArrayList<>();
        plans.forEach(
            (tag, plan) -> {
              if (!(plan instanceof TagPlan.Track) && composed.get(tag) != null) {
                out.add(composed.get(tag));
              }
            });
        return out;
      }

      @Override
      public Optional<Image> image(String digest) {
        return Optional.ofNullable(images.get(digest));
      }
    };
  }

  /** The records of the images tags currently point at, within the size budget. */
  private static List<Image> currentImages(
      List<NamedTagEventList> tags, Map<String, Image> images) {
    List<Image> out = new ArrayList<>();
    Set<String> added = new HashSet<>();
    for (NamedTagEventList tag : tags) {
      tag.current()
          .map(TagEvent::image)
          .filter(d -> d != null && !d.isEmpty() && images.containsKey(d) && added.add(d))
          .ifPresent(d -> out.add(images.get(d)));
    }
    return ImageRecords.withinBudget(out);
  }

  private static ImageStreamStatus assemble(
      ImageStream stream,
      ImportConfig config,
      List<NamedTagEventList> tags,
      List<Image> images,
      Long observedGeneration,
      List<Condition> conditions,
      String handledRequest) {
    String namespace = stream.getMetadata().getNamespace();
    String name = stream.getMetadata().getName();
    String internal =
        config.internalRegistryHostname() == null
            ? ""
            : config.internalRegistryHostname() + "/" + namespace + "/" + name;
    String external =
        config.externalRegistryHostnames().isEmpty()
            ? null
            : config.externalRegistryHostnames().get(0) + "/" + namespace + "/" + name;
    String display =
        external != null ? external : !internal.isEmpty() ? internal : specRepository(stream);
    return new ImageStreamStatus(
        internal,
        external,
        tags.isEmpty() ? null : tags,
        observedGeneration,
        conditions,
        images.isEmpty() ? null : images,
        handledRequest,
        display,
        tags.isEmpty() ? null : TagsSummary.of(tags),
        lastUpdated(tags));
  }

  private static String specRepository(ImageStream stream) {
    String spec = stream.getSpec() == null ? null : stream.getSpec().dockerImageRepository();
    return notEmpty(spec) ? spec : null;
  }

  private static String lastUpdated(List<NamedTagEventList> tags) {
    return tags.stream()
        .map(NamedTagEventList::current)
        .flatMap(Optional::stream)
        .map(TagEvent::created)
        .filter(Objects::nonNull)
        .max(Comparator.comparing(TagsSummary::parse))
        .orElse(null);
  }

  private static List<TagChange> changes(ImageStreamStatus old, List<NamedTagEventList> tags) {
    List<TagChange> changes = new ArrayList<>();
    for (NamedTagEventList tag : tags) {
      NamedTagEventList before = old == null ? null : old.tag(tag.tag()).orElse(null);
      String image = tag.current().map(TagEvent::image).orElse("");
      String previousImage = before == null ? "" : before.current().map(TagEvent::image).orElse("");
      if (!image.isEmpty() && !image.equals(previousImage)) {
        changes.add(
            new TagChange(
                tag.tag(), TagChange.Kind.NEW_IMAGE, tag.current().get().dockerImageReference()));
      }
      Optional<TagEventCondition> failure = tag.importCondition();
      Optional<TagEventCondition> previousFailure =
          before == null ? Optional.empty() : before.importCondition();
      if (failure.isPresent()
          && (previousFailure.isEmpty()
              || !failure.get().reason().equals(previousFailure.get().reason())
              || !failure.get().message().equals(previousFailure.get().message()))) {
        changes.add(
            new TagChange(
                tag.tag(),
                TagChange.Kind.IMPORT_FAILED,
                failure.get().reason() + ": " + failure.get().message()));
      }
    }
    return changes;
  }

  /** RFC 3339 to the second, as Kubernetes writes times. */
  public static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static long generation(ImageStream stream) {
    Long g = stream.getMetadata().getGeneration();
    return g == null ? 0 : g;
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
