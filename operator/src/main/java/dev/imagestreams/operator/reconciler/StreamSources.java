package dev.imagestreams.operator.reconciler;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.operator.credentials.CredentialIndex;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a stream's reconciliation reads besides the stream, each from an informer that reconciles
 * the namespace's streams when it changes: the namespace (its run-level label), the namespace's
 * pull Secrets (indexed by {@link CredentialIndex}), and the other streams' events ({@link
 * StreamEvents}).
 */
final class StreamSources {
  private final StreamEvents events;
  private InformerEventSource<Namespace, ImageStream> namespaces;
  private CredentialIndex credentials;

  StreamSources(StreamEvents events) {
    this.events = events;
  }

  /** The event sources of the reconciler. */
  List<EventSource<?, ImageStream>> prepare(EventSourceContext<ImageStream> context) {
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

  /** The pull credentials of each namespace. */
  CredentialIndex credentials() {
    return credentials;
  }

  /**
   * The namespace's labels, from the informer cache; a namespace the cache has not seen yet (a
   * stream created right after its namespace) is read from the API server, so a run-level label is
   * never missed that way.
   */
  Map<String, String> namespaceLabels(String namespace, Context<ImageStream> context) {
    return namespaceLabels(namespace, context.getClient());
  }

  /** {@link #namespaceLabels(String, Context)}, read with {@code client} on a cache miss. */
  Map<String, String> namespaceLabels(String namespace, KubernetesClient client) {
    Optional<Namespace> cached =
        namespaces == null ? Optional.empty() : namespaces.get(new ResourceID(namespace));
    Namespace ns = cached.orElseGet(() -> client.namespaces().withName(namespace).get());
    Map<String, String> labels = ns == null ? null : ns.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static Set<ResourceID> idsIn(
      IndexerResourceCache<ImageStream> streams, String namespace) {
    return streams.list(namespace).map(ResourceID::fromResource).collect(Collectors.toSet());
  }
}
