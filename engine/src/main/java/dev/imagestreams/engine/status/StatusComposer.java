package dev.imagestreams.engine.status;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.imports.ImportOutcome;
import dev.imagestreams.engine.planning.StreamLookup;
import dev.imagestreams.engine.planning.StreamPlan;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a stream's new status from its plan and the import results at hand. Pure: the one place
 * where the status model is built. The tags that are not references are composed first ({@link
 * ImportedTags}), references then resolve against them ({@link TrackedTags}); the Ready condition
 * ({@link ReadyCondition}) and the printer fields ({@link PrinterFields}) follow from the tags.
 *
 * <p>Status tags follow the spec and are sorted by name, as OpenShift emits them. While any import
 * is in flight the status is {@linkplain Result#complete() incomplete}: {@code observedGeneration},
 * {@code Ready} and the handled import request stay as they were.
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
   * @param complete whether every tag is resolved (no import in flight)
   */
  public record Result(ImageStreamStatus status, boolean complete) {}

  public static Result compose(Input in) {
    ImageStream stream = in.stream();
    ImageStreamStatus old = stream.getStatus();
    Stamp stamp = Stamp.of(stream, in.now());
    StreamRepositories repositories = StreamRepositories.of(stream, in.config());
    ImageCatalog images =
        new ImageCatalog(
            old, in.config().statusImageMetadata(), in.config().maxImageMetadataBytes());
    TagStatusWriter writer = new TagStatusWriter(old, stamp, in.config().historyLimit());

    ComposedTags composed = new ComposedTags(in.plan());
    new ImportedTags(writer, images, in.outcomes(), in.pending()).composeInto(composed);
    new TrackedTags(writer, images, repositories).resolveInto(composed, in.streams());
    List<NamedTagEventList> tags = composed.forStatus();

    boolean complete = composed.complete();
    String specRepository = specRepository(stream);
    Condition previousReady = previousReady(old);
    Condition ready =
        complete
            ? ReadyCondition.forTags(
                tags,
                in.plan().duplicateTags(),
                specRepository == null ? "" : REPOSITORY_IMPORT_NOTE,
                stamp.generation(),
                stamp.time(),
                previousReady)
            : previousReady;
    StatusContent content =
        new StatusContent(
            tags,
            images.current(tags),
            complete
                ? Long.valueOf(stamp.generation())
                : (old == null ? null : old.observedGeneration()),
            ready,
            complete && in.plan().importRequest() != null
                ? in.plan().importRequest()
                : (old == null ? null : old.lastHandledImportRequest()));
    return new Result(new PrinterFields(repositories, specRepository).status(content), complete);
  }

  /** The status of a stream in a privileged namespace: nothing imported, Ready=False saying why. */
  public static ImageStreamStatus privileged(
      ImageStream stream, String why, ImportConfig config, Instant now) {
    ImageStreamStatus old = stream.getStatus();
    Stamp stamp = Stamp.of(stream, now);
    Condition ready =
        ReadyCondition.privileged(why, stamp.generation(), stamp.time(), previousReady(old));
    StatusContent content =
        new StatusContent(
            old == null ? List.of() : old.tagList(),
            old == null ? List.of() : old.imageList(),
            stamp.generation(),
            ready,
            old == null ? null : old.lastHandledImportRequest());
    return new PrinterFields(StreamRepositories.of(stream, config), specRepository(stream))
        .status(content);
  }

  private static Condition previousReady(ImageStreamStatus old) {
    return old == null ? null : old.condition(ReadyCondition.READY).orElse(null);
  }

  /** The deprecated spec.dockerImageRepository, or null when not set. */
  private static String specRepository(ImageStream stream) {
    String spec = stream.getSpec() == null ? null : stream.getSpec().dockerImageRepository();
    return spec == null || spec.isEmpty() ? null : spec;
  }
}
