package dev.imagestreams.operator.reconciler;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.StreamReason;
import dev.imagestreams.engine.ImportEngine;
import dev.imagestreams.engine.StreamRound;
import dev.imagestreams.engine.namespace.PrivilegedNamespaces;
import dev.imagestreams.engine.planning.StreamLookup;
import dev.imagestreams.engine.status.ReadyCondition;
import dev.imagestreams.operator.credentials.CredentialIndex;
import dev.imagestreams.operator.events.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOSDK front end of the {@link ImportEngine}: a stream is planned and its imports gathered,
 * then its new status is composed, written if it changed, and settled, which says when to look
 * again. Imports run asynchronously; when one arrives the engine wakes the stream. A stream in a
 * privileged namespace is refused instead.
 */
@ControllerConfiguration(name = ImageStreamReconciler.NAME)
public final class ImageStreamReconciler implements Reconciler<ImageStream> {
  public static final String NAME = "imagestream";
  private static final Logger LOG = LoggerFactory.getLogger(ImageStreamReconciler.class);

  private final ImportEngine engine;
  private final StreamSources sources;
  private final EventRecorder recorder;
  private final Clock clock;
  private final StatusWriter writer = new StatusWriter();
  private final Set<String> refusedNamespaces = ConcurrentHashMap.newKeySet();

  public ImageStreamReconciler(
      ImportEngine engine, StreamEvents events, EventRecorder recorder, Clock clock) {
    this.engine = engine;
    this.sources = new StreamSources(events);
    this.recorder = recorder;
    this.clock = clock;
  }

  /** The pull credentials of each namespace (available once the event sources are prepared). */
  public CredentialIndex credentials() {
    return sources.credentials();
  }

  /**
   * Which stream updates trigger a reconciliation (spec and the annotations the operator reads).
   */
  public static StreamUpdateFilter updateFilter() {
    return new StreamUpdateFilter();
  }

  @Override
  public List<EventSource<?, ImageStream>> prepareEventSources(
      EventSourceContext<ImageStream> context) {
    return sources.prepare(context);
  }

  @Override
  public UpdateControl<ImageStream> reconcile(ImageStream stream, Context<ImageStream> context) {
    Optional<String> privileged = privileged(stream, context);
    if (privileged.isPresent()) {
      return refuse(stream, privileged.get(), context);
    }
    StreamRound round = engine.open(stream, sources.credentials().forNamespace(namespace(stream)));
    if (round.waiting()) {
      return UpdateControl.noUpdate(); // the engine wakes the stream when its imports arrive
    }
    ImageStreamStatus status = round.compose(lookup(context));
    write(stream, status, context);
    return round.settle(status).map(this::lookAgainAfter).orElseGet(UpdateControl::noUpdate);
  }

  /**
   * An unexpected failure of {@link #reconcile}: the stream says what failed in its Ready condition
   * (reason {@code ReconcileFailed}); JOSDK writes it and retries as usual. A write conflict is not
   * reported: the retry works from fresher data.
   */
  @Override
  public ErrorStatusUpdateControl<ImageStream> updateErrorStatus(
      ImageStream stream, Context<ImageStream> context, Exception e) {
    if (!ReconcileFailure.worthReporting(e)) {
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    return ErrorStatusUpdateControl.patchStatus(
        StatusWriter.statusOnly(stream, ReconcileFailure.status(stream, e, clock.instant())));
  }

  /**
   * Why the operator does not act in the namespace (a privileged one), or empty; for the image
   * change triggers, which never write workloads there.
   */
  public Optional<String> privileged(String namespace, KubernetesClient client) {
    return PrivilegedNamespaces.reason(
        namespace, sources.namespaceLabels(namespace, client), engine.config());
  }

  private Optional<String> privileged(ImageStream stream, Context<ImageStream> context) {
    String namespace = namespace(stream);
    return PrivilegedNamespaces.reason(
        namespace, sources.namespaceLabels(namespace, context), engine.config());
  }

  /**
   * Nothing is imported; the status says why, one Warning Event says it once per stream, and one
   * INFO line once per namespace (where an operator's user looks when a stream never gets ready).
   */
  private UpdateControl<ImageStream> refuse(
      ImageStream stream, String why, Context<ImageStream> context) {
    if (refusedNamespaces.add(namespace(stream))) {
      LOG.info(
          "not importing ImageStreams of namespace {}: {}; their Ready condition says so",
          namespace(stream),
          why);
    }
    ImageStreamStatus before = stream.getStatus();
    boolean alreadyRefused =
        before != null
            && before
                .condition(ReadyCondition.READY)
                .map(c -> StreamReason.PRIVILEGED_NAMESPACE.is(c.getReason()))
                .orElse(false);
    ImageStreamStatus status = engine.refuse(stream, why);
    if (!status.equals(before)) {
      writer.write(stream, status, context);
    }
    if (!alreadyRefused) {
      recorder.warning(stream, StreamReason.PRIVILEGED_NAMESPACE.wire(), why);
    }
    return UpdateControl.noUpdate();
  }

  private void write(ImageStream stream, ImageStreamStatus status, Context<ImageStream> context) {
    if (!status.equals(stream.getStatus())) {
      writer.write(stream, status, context);
      recorder.statusChanged(stream, stream.getStatus(), status);
    }
  }

  private UpdateControl<ImageStream> lookAgainAfter(Duration wait) {
    return UpdateControl.<ImageStream>noUpdate().rescheduleAfter(wait);
  }

  private static StreamLookup lookup(Context<ImageStream> context) {
    var cache = context.getPrimaryCache();
    return (namespace, name) -> cache.get(new ResourceID(name, namespace));
  }

  private static String namespace(ImageStream stream) {
    return stream.getMetadata().getNamespace();
  }
}
