package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.Fault;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The API server restarts (etcd kept) in the middle of a mass import: the operator reconnects,
 * re-lists and converges, and imports no tag again that was already current.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
class KubeApiServerRestartIT extends OperatorTestBase {
  private static final int STREAMS = 40;

  @Override
  protected ApiServer startApiServer() {
    return RealApiServer.start();
  }

  private String viaProxy(String path) {
    return proxy.host() + "/" + path;
  }

  @Test
  void anApiServerRestartDuringAMassImportConvergesWithoutReimporting() {
    List<PushedImage> images = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      images.add(
          REGISTRY.pusher().pushOciImage("restart/app-" + i, "1", Platform.LINUX_AMD64, 100 + i));
    }
    // each manifest takes a while, so the restart comes while imports are still running
    proxy.when("GET", ".*/manifests/.*").then(Fault.slowHeaders(Duration.ofSeconds(1)));
    proxy.clearRequests();
    for (int i = 0; i < STREAMS; i++) {
      create(
          Streams.stream(ns, "app-" + i)
              .dockerImage("1", viaProxy("restart/app-" + i + ":1"))
              .forCreate());
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> readyStreams().size() >= STREAMS / 4);
    Set<String> currentBefore = readyStreams();
    assertThat(currentBefore)
        .as("the restart comes in the middle of the import")
        .hasSizeLessThan(STREAMS);

    Instant restartedAt = Instant.now();
    ((RealApiServer) api).controlPlane().restartApiServer();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> readyStreams().size() == STREAMS);

    for (int i = 0; i < STREAMS; i++) {
      String repo = "restart/app-" + i;
      assertThat(tag(get("app-" + i).getStatus(), "1").itemList())
          .as(repo)
          .singleElement()
          .satisfies(
              e -> assertThat(e.image()).isIn(images.stream().map(PushedImage::digest).toList()));
      assertThat(
              proxy.count("HEAD", "/v2/" + repo + "/manifests/.*")
                  + proxy.count("GET", "/v2/" + repo + "/manifests/1"))
          .as("%s was resolved once, before or after the restart, never again", repo)
          .isEqualTo(1);
    }
    assertThat(currentBefore)
        .allSatisfy(
            name ->
                assertThat(
                        proxy.requests().stream()
                            .filter(
                                r ->
                                    r.path()
                                        .contains(
                                            "/" + name.replace("app-", "restart/app-") + "/")))
                    .as("requests for %s, current before the restart", name)
                    .allMatch(r -> r.receivedAt().isBefore(restartedAt)));
  }

  private Set<String> readyStreams() {
    return k8s.resources(ImageStream.class).inNamespace(ns).list().getItems().stream()
        .filter(
            s ->
                Optional.ofNullable(s.getStatus())
                    .flatMap(st -> st.condition("Ready"))
                    .map(c -> "True".equals(c.getStatus()))
                    .orElse(false))
        .map(s -> s.getMetadata().getName())
        .collect(Collectors.toSet());
  }
}
