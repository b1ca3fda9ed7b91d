package dev.imagestreams.operator.reconciler;

import static dev.imagestreams.api.testing.Streams.stream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.planning.ReferenceGrant;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which streams are reconciled when another stream they follow appears, changes or goes. The
 * primary cache is a map with indexers, updated before each event as the informer does.
 */
class StreamEventsTest {
  /** The informer's cache: the streams as they are now, and the indexers added to it. */
  private static final class Cache implements IndexerResourceCache<ImageStream> {
    private final Map<ResourceID, ImageStream> streams = new ConcurrentHashMap<>();
    private final Map<String, Function<ImageStream, List<String>>> indexers =
        new ConcurrentHashMap<>();

    @Override
    public void addIndexers(Map<String, Function<ImageStream, List<String>>> added) {
      indexers.putAll(added);
    }

    @Override
    public List<ImageStream> byIndex(String index, String key) {
      return streams.values().stream()
          .filter(s -> indexers.get(index).apply(s).contains(key))
          .toList();
    }

    @Override
    public Optional<ImageStream> get(ResourceID id) {
      return Optional.ofNullable(streams.get(id));
    }

    @Override
    public Stream<ResourceID> keys() {
      return streams.keySet().stream();
    }

    @Override
    public Stream<ImageStream> list(Predicate<ImageStream> predicate) {
      return streams.values().stream().filter(predicate);
    }

    @Override
    public Stream<ImageStream> list(String namespace, Predicate<ImageStream> predicate) {
      return list(predicate.and(s -> namespace.equals(s.getMetadata().getNamespace())));
    }
  }

  private final Cache cache = new Cache();
  private final List<ResourceID> reconciled = new ArrayList<>();
  private final List<StreamId> forgotten = new ArrayList<>();
  private final StreamEvents events = new StreamEvents(forgotten::add);

  private final ImageStream source =
      stream("base", "src").dockerImage("latest", "registry.example.com/base:1").build();
  private final ImageStream follower =
      stream("base", "app").streamTag("base", "src:latest").build();
  private final ImageStream crossNamespace =
      stream("team", "web").streamImage("pinned", "base", "src@sha256:" + "a".repeat(64)).build();

  @BeforeEach
  void start() {
    events.setEventHandler(event -> reconciled.add(event.getRelatedCustomResourceID()));
    events.setStreams(cache);
    events.start();
  }

  private void created(ImageStream s) {
    cache.streams.put(id(s), s);
    events.onResourceCreated(s);
  }

  private void updated(ImageStream s, ImageStream old) {
    cache.streams.put(id(s), s);
    events.onResourceUpdated(s, old);
  }

  private void deleted(ImageStream s) {
    cache.streams.remove(id(s));
    events.onResourceDeleted(s);
  }

  private static ResourceID id(ImageStream s) {
    return ResourceID.fromResource(s);
  }

  private static StreamId streamId(ImageStream s) {
    return StreamId.of(s);
  }

  private static ImageStream withImages(ImageStream s) {
    ImageStream copy = stream(s.getMetadata().getNamespace(), s.getMetadata().getName()).build();
    copy.setSpec(s.getSpec());
    copy.setStatus(
        new ImageStreamStatus(
            "registry.local/" + s.getMetadata().getName(),
            null,
            List.of(),
            1L,
            null,
            null,
            null,
            null,
            null,
            null));
    return copy;
  }

  @Test
  void followersInAnyNamespaceAreReconciledWhenTheSourcesImagesChange() {
    created(follower);
    created(crossNamespace);
    created(source);
    assertThat(reconciled)
        .as("the source appeared")
        .containsExactlyInAnyOrder(id(follower), id(crossNamespace));

    reconciled.clear();
    updated(withImages(source), source);
    assertThat(reconciled).containsExactlyInAnyOrder(id(follower), id(crossNamespace));
  }

  @Test
  void aSourceChangeThatLeavesImagesAndGrantAloneReconcilesNobody() {
    created(follower);
    ImageStream respecified =
        stream("base", "src").dockerImage("latest", "registry.example.com/base:2").build();
    updated(respecified, source);
    assertThat(reconciled).isEmpty();
  }

  @Test
  void aChangedGrantReconcilesFollowers() {
    created(crossNamespace);
    ImageStream granted =
        stream("base", "src")
            .dockerImage("latest", "registry.example.com/base:1")
            .annotation(ReferenceGrant.ANNOTATION, "team")
            .build();
    updated(granted, source);
    assertThat(reconciled).containsExactly(id(crossNamespace));
  }

  @Test
  void aFollowerThatStopsFollowingIsNoLongerReconciled() {
    created(follower);
    ImageStream independent =
        stream("base", "app").dockerImage("base", "registry.example.com/base:1").build();
    updated(independent, follower);
    updated(withImages(source), source);
    assertThat(reconciled).isEmpty();
  }

  @Test
  void aFollowerThatStartsFollowingIsReconciledFromThen() {
    ImageStream independent =
        stream("base", "app").dockerImage("base", "registry.example.com/base:1").build();
    created(independent);
    updated(follower, independent);
    updated(withImages(source), source);
    assertThat(reconciled).containsExactly(id(follower));
  }

  @Test
  void deletingASourceReconcilesItsFollowersAndForgetsIt() {
    created(follower);
    deleted(source);
    assertThat(reconciled).containsExactly(id(follower));
    assertThat(forgotten).containsExactly(streamId(source));
  }

  @Test
  void aDeletedFollowerIsNotReconciledAnyMore() {
    created(follower);
    deleted(follower);
    assertThat(forgotten).containsExactly(streamId(follower));
    reconciled.clear();
    updated(withImages(source), source);
    assertThat(reconciled).isEmpty();
  }

  @Test
  void aStreamFollowingItsOwnTagIsNotReconciledByItsOwnChanges() {
    ImageStream self =
        stream("base", "src")
            .dockerImage("latest", "registry.example.com/base:1")
            .streamTag("stable", "src:latest")
            .build();
    created(self);
    updated(withImages(self), self);
    assertThat(reconciled).isEmpty();
  }

  @Test
  void reconcileAsksForOneStreamAndReconcileAllForEveryCachedOne() {
    events.reconcile(streamId(follower));
    assertThat(reconciled).containsExactly(id(follower));

    created(source);
    created(crossNamespace);
    reconciled.clear();
    events.reconcileAll();
    assertThat(reconciled).containsExactlyInAnyOrder(id(source), id(crossNamespace));
    assertThat(events.get(streamId(source))).contains(source);
    assertThat(events.get(streamId(follower))).isEmpty();
  }

  @Test
  void aFollowerOfSeveralTagsOfOneSourceIsReconciledOnce() {
    created(
        stream("base", "app").streamTag("a", "src:latest").streamTag("b", "src:stable").build());
    updated(withImages(source), source);
    assertThat(reconciled).containsExactly(new ResourceID("app", "base"));
  }
}
