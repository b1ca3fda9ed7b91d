package dev.imagestreams.operator.reconciler;

import static dev.imagestreams.operator.testing.Streams.stream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.operator.planning.ReferenceGrant;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which streams are reconciled when another stream they follow appears, changes or goes. */
class StreamEventsTest {
  private final List<ResourceID> reconciled = new ArrayList<>();
  private final List<ResourceID> forgotten = new ArrayList<>();
  private final StreamEvents events = new StreamEvents(forgotten::add);

  private final ImageStream source = stream("base", "src").dockerImage("latest", "registry.example.com/base:1").build();
  private final ImageStream follower = stream("base", "app").streamTag("base", "src:latest").build();
  private final ImageStream crossNamespace = stream("team", "web").streamImage("pinned", "base", "src@sha256:" + "a".repeat(64)).build();

  @BeforeEach
  void start() {
    events.setEventHandler(event -> reconciled.add(event.getRelatedCustomResourceID()));
    events.start();
  }

  private static ResourceID id(ImageStream s) {
    return ResourceID.fromResource(s);
  }

  private static ImageStream withImages(ImageStream s) {
    ImageStream copy = stream(s.getMetadata().getNamespace(), s.getMetadata().getName()).build();
    copy.setSpec(s.getSpec());
    copy.setStatus(new ImageStreamStatus("registry.local/" + s.getMetadata().getName(), null, List.of(), 1L, null, null, null, null, null, null));
    return copy;
  }

  @Test
  void followersInAnyNamespaceAreReconciledWhenTheSourcesImagesChange() {
    events.onResourceCreated(follower);
    events.onResourceCreated(crossNamespace);
    events.onResourceCreated(source);
    assertThat(reconciled).as("the source appeared").containsExactlyInAnyOrder(id(follower), id(crossNamespace));

    reconciled.clear();
    events.onResourceUpdated(withImages(source), source);
    assertThat(reconciled).containsExactlyInAnyOrder(id(follower), id(crossNamespace));
  }

  @Test
  void aSourceChangeThatLeavesImagesAndGrantAloneReconcilesNobody() {
    events.onResourceCreated(follower);
    ImageStream respecified = stream("base", "src").dockerImage("latest", "registry.example.com/base:2").build();
    events.onResourceUpdated(respecified, source);
    assertThat(reconciled).isEmpty();
  }

  @Test
  void aChangedGrantReconcilesFollowers() {
    events.onResourceCreated(crossNamespace);
    ImageStream granted = stream("base", "src").dockerImage("latest", "registry.example.com/base:1").annotation(ReferenceGrant.ANNOTATION, "team").build();
    events.onResourceUpdated(granted, source);
    assertThat(reconciled).containsExactly(id(crossNamespace));
  }

  @Test
  void aFollowerThatStopsFollowingIsNoLongerReconciled() {
    events.onResourceCreated(follower);
    ImageStream independent = stream("base", "app").dockerImage("base", "registry.example.com/base:1").build();
    events.onResourceUpdated(independent, follower);
    events.onResourceUpdated(withImages(source), source);
    assertThat(reconciled).isEmpty();
  }

  @Test
  void aFollowerThatStartsFollowingIsReconciledFromThen() {
    ImageStream independent = stream("base", "app").dockerImage("base", "registry.example.com/base:1").build();
    events.onResourceCreated(independent);
    events.onResourceUpdated(follower, independent);
    events.onResourceUpdated(withImages(source), source);
    assertThat(reconciled).containsExactly(id(follower));
  }

  @Test
  void deletingASourceReconcilesItsFollowersAndForgetsIt() {
    events.onResourceCreated(follower);
    events.onResourceDeleted(source);
    assertThat(reconciled).containsExactly(id(follower));
    assertThat(forgotten).containsExactly(id(source));
  }

  @Test
  void aDeletedFollowerIsNotReconciledAnyMore() {
    events.onResourceCreated(follower);
    events.onResourceDeleted(follower);
    assertThat(forgotten).containsExactly(id(follower));
    reconciled.clear();
    events.onResourceUpdated(withImages(source), source);
    assertThat(reconciled).isEmpty();
  }

  @Test
  void aStreamFollowingItsOwnTagIsNotReconciledByItsOwnChanges() {
    ImageStream self = stream("base", "src").dockerImage("latest", "registry.example.com/base:1").streamTag("stable", "src:latest").build();
    events.onResourceCreated(self);
    events.onResourceUpdated(withImages(self), self);
    assertThat(reconciled).isEmpty();
  }

  @Test
  void reconcileAsksForOneStreamAndNeedsNoCache() {
    events.reconcile(id(follower));
    events.reconcileAll();
    assertThat(reconciled).containsExactly(id(follower));
    assertThat(events.get(id(follower))).isEmpty();
  }
}
