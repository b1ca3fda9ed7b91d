package dev.imagestreams.operator.reconciler;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.StreamReason;
import dev.imagestreams.operator.config.ImportConfig;
import dev.imagestreams.operator.events.EventRecorder;
import dev.imagestreams.operator.importer.CredentialIndex;
import dev.imagestreams.operator.importer.ImportService;
import dev.imagestreams.operator.importer.TagAttempts;
import dev.imagestreams.operator.imports.ImportOutcome;
import dev.imagestreams.operator.namespace.PrivilegedNamespaces;
import dev.imagestreams.operator.planning.ImportPlanner;
import dev.imagestreams.operator.planning.StreamLookup;
import dev.imagestreams.operator.planning.StreamPlan;
import dev.imagestreams.operator.planning.TagPlan;
import dev.imagestreams.operator.schedule.ImportScheduler;
import dev.imagestreams.operator.status.ReadyCondition;
import dev.imagestreams.operator.status.StatusComposer;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The JOSDK reconciler: load what the stream needs, plan, import, compose the status, write it if
 * it changed. Decisions live in {@link ImportPlanner} and {@link StatusComposer}; registry work
 * runs asynchronously in {@link ImportService}, whose results reconcile the stream again.
 */
@ControllerConfiguration(name = ImageStreamReconciler.NAME)
public final class ImageStreamReconciler implements Reconciler<ImageStream> {
  public static final String NAME = "imagestream";

  private final Supplier<ImportConfig> config;
  private final ImportService imports;
  private final TagAttempts attempts;
  private final ImportScheduler scheduler;
  private final StreamEvents events;
  private final EventRecorder recorder;
  private final Clock clock;
  private final StatusWriter writer = new StatusWriter();

  private InformerEventSource<Namespace, ImageStream> namespaces;
  private CredentialIndex credentials;

  public ImageStreamReconciler(
      Supplier<ImportConfig> config,
      ImportService imports,
      TagAttempts attempts,
      ImportScheduler scheduler,
      StreamEvents events,
      EventRecorder recorder,
      Clock clock) {
    this.config = config;
    this.imports = imports;
    this.attempts = attempts;
    this.scheduler = scheduler;
    this.events = events;
    this.recorder = recorder;
    this.clock = clock;
  }

  /** The pull credentials of each namespace (available once the event sources are prepared). */
  public CredentialIndex credentials() {
    return credentials;
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
    IndexerResourceCache<ImageStream> streams = context.getPrimaryCache();
    events.setStreams(streams);
    namespaces =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Namespace.class, ImageStream.class)
                .withName("namespaces")
                .withSecondaryToPrimaryMapper(ns -> idsIn(streams, ns.getMetadata().getName()))
                .withOnUpdateFilter(
                    (updated, old) ->
                        !Objects.equals(
                            updated.getMetadata().getLabels(), old.getMetadata().getLabels()))
                .build(),
            context);
    List<InformerEventSource<Secret, ImageStream>> secrets = new ArrayList<>();
    for (String type : List.of(CredentialIndex.DOCKER_CONFIG_JSON, CredentialIndex.DOCKER_CFG)) {
      secrets.add(
          new PullSecretEventSource(
              InformerEventSourceConfiguration.from(Secret.class, ImageStream.class)
                  .withName(
                      "pull-secrets-" + (type.endsWith("json") ? "dockerconfigjson" : "dockercfg"))
                  .withNamespacesInheritedFromController()
                  .withFieldSelector(new FieldSelector(new FieldSelector.Field("type", type)))
                  .withSecondaryToPrimaryMapper(
                      s ->
                          CredentialIndex.usable(s)
                              ? idsIn(streams, s.getMetadata().getNamespace())
                              : Set.of())
                  .build(),
              context,
              deleted -> credentials.forget(deleted)));
    }
    credentials =
        new CredentialIndex(
            ns -> secrets.stream().flatMap(es -> es.list(ns)).collect(Collectors.toList()));
    List<EventSource<?, ImageStream>> sources = new ArrayList<>();
    sources.add(events);
    sources.add(namespaces);
    sources.addAll(secrets);
    return sources;
  }

  @Override
  public UpdateControl<ImageStream> reconcile(ImageStream stream, Context<ImageStream> context) {
    Instant now = clock.instant();
    ResourceID id = ResourceID.fromResource(stream);
    ImportConfig cfg = config.get();
    String namespace = stream.getMetadata().getNamespace();

    Optional<String> privileged =
        PrivilegedNamespaces.reason(namespace, namespaceLabels(namespace, context), cfg);
    if (privileged.isPresent()) {
      refuse(stream, privileged.get(), cfg, now, context);
      return UpdateControl.noUpdate();
    }

    StreamPlan plan =
        ImportPlanner.plan(stream, cfg, credentials.forNamespace(namespace), attempts.of(id), now);
    Map<String, ImportOutcome> outcomes = new HashMap<>();
    Set<String> pending = new HashSet<>();
    for (TagPlan.Import imp : plan.imports()) {
      Optional<ImportOutcome> delivered = imports.delivered(id, imp.tag(), imp.key());
      if (delivered.isPresent()) {
        outcomes.put(imp.tag(), delivered.get());
      } else if (imports.pending(id, imp.tag(), imp.key())) {
        pending.add(imp.tag());
      } else if (imp.reason().isPresent()) {
        imports
            .request(id, imp)
            .ifPresentOrElse(o -> outcomes.put(imp.tag(), o), () -> pending.add(imp.tag()));
      }
    }

    StatusComposer.Result result =
        StatusComposer.compose(
            new StatusComposer.Input(stream, plan, outcomes, pending, lookup(context), cfg, now));
    if (!result.complete()) {
      return UpdateControl
          .noUpdate(); // the imports in flight reconcile the stream when they finish
    }
    if (!result.status().equals(stream.getStatus())) {
      writer.write(stream, result.status(), context);
      recorder.statusChanged(stream, stream.getStatus(), result.status());
    }
    imports.acknowledge(id, outcomes);
    for (TagPlan.Import imp : plan.imports()) {
      ImportOutcome applied = outcomes.get(imp.tag());
      if (applied != null) {
        attempts.record(id, imp.tag(), imp.key(), applied);
      }
    }
    attempts.retain(id, plan.tags().stream().map(TagPlan::tag).collect(Collectors.toSet()));
    scheduler.track(id, scheduled(plan, result.status()));

    Optional<Instant> retry = ImportPlanner.nextRetry(plan, result.status(), attempts.of(id), now);
    return retry
        .map(
            at ->
                UpdateControl.<ImageStream>noUpdate()
                    .rescheduleAfter(max(Duration.between(now, at), Duration.ofSeconds(1))))
        .orElseGet(UpdateControl::noUpdate);
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

  private void refuse(
      ImageStream stream, String why, ImportConfig cfg, Instant now, Context<ImageStream> context) {
    ResourceID id = ResourceID.fromResource(stream);
    scheduler.untrack(id);
    ImageStreamStatus before = stream.getStatus();
    boolean alreadyRefused =
        before != null
            && before
                .condition(ReadyCondition.READY)
                .map(c -> StreamReason.PRIVILEGED_NAMESPACE.is(c.getReason()))
                .orElse(false);
    ImageStreamStatus status = StatusComposer.privileged(stream, why, cfg, now);
    if (!status.equals(before)) {
      writer.write(stream, status, context);
    }
    if (!alreadyRefused) {
      recorder.warning(stream, StreamReason.PRIVILEGED_NAMESPACE.wire(), why);
    }
  }

  private static Map<String, ImportScheduler.ScheduledTag> scheduled(
      StreamPlan plan, ImageStreamStatus status) {
    Map<String, ImportScheduler.ScheduledTag> out = new LinkedHashMap<>();
    for (TagPlan.Import imp : ImportPlanner.scheduledTags(plan, status)) {
      out.put(imp.tag(), new ImportScheduler.ScheduledTag(imp.key(), imp.image(), imp.access()));
    }
    return out;
  }

  /**
   * The namespace's labels, from the informer cache; a namespace the cache has not seen yet (a
   * stream created right after its namespace) is read from the API server, so a run-level label is
   * never missed that way.
   */
  private Map<String, String> namespaceLabels(String namespace, Context<ImageStream> context) {
    Optional<Namespace> cached = namespaces.get(new ResourceID(namespace));
    Namespace ns =
        cached.orElseGet(() -> context.getClient().namespaces().withName(namespace).get());
    Map<String, String> labels = ns == null ? null : ns.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static StreamLookup lookup(Context<ImageStream> context) {
    var cache = context.getPrimaryCache();
    return (namespace, name) -> cache.get(new ResourceID(name, namespace));
  }

  private static Set<ResourceID> idsIn(
      IndexerResourceCache<ImageStream> streams, String namespace) {
    return streams.list(namespace).map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
