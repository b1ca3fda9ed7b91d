package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.importer.ExponentialBackoff;
import dev.imagestreams.engine.importer.RetryBackoffs;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.operator.OperatorSettings;
import dev.imagestreams.registry.http.TransientRetries;
import dev.imagestreams.testinfra.registry.Fault;
import dev.imagestreams.testinfra.registry.FaultProxy;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.PushedIndex;
import dev.imagestreams.testinfra.registry.RecordedRequest;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transient registry failures heal on their own: failed tags are retried on their schedule, an
 * outage backs a host off by its length rather than by the number of requests it failed, requests
 * are retried within an import, an import has one deadline, one repository's auth never blocks its
 * host, deleted streams cancel their work, and concurrent imports of one image fetch it once.
 *
 * <p>The backoffs are shortened (tags: 1 s doubling to 4 s; hosts: 250 ms doubling to 60 s, so that
 * a backoff which grew with the number of failed requests would show) and so are the retries within
 * an import (50 ms) and the import deadline (3 s); the production values are asserted by the unit
 * tests of {@code TagAttempts}, {@code HostBackoff} and {@code TransientRetries}.
 */
abstract class HealingScenarios extends OperatorTestBase {
  private static final ExponentialBackoff TAG_RETRIES =
      new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4));
  private static final Duration IMPORT_DEADLINE = Duration.ofSeconds(3);
  private static final Duration INTERVAL = Duration.ofSeconds(4);

  /**
   * Requests closer together than this belong to one import attempt (its retries take at most ~0.25
   * s).
   */
  private static final Duration SAME_ATTEMPT = Duration.ofMillis(500);

  /** A second registry address, allowed one import at a time: lanes and queues show on it. */
  private FaultProxy narrow;

  @Override
  protected OperatorSettings settings(OperatorSettings defaults) {
    return defaults
        .withBackoffs(
            new RetryBackoffs(
                TAG_RETRIES,
                new ExponentialBackoff(Duration.ofMillis(250), Duration.ofSeconds(60))))
        .withRegistrySettings(
            b ->
                b.importDeadline(IMPORT_DEADLINE)
                    .transientRetries(
                        new TransientRetries(2, Duration.ofMillis(50), Duration.ofSeconds(5))));
  }

  @Override
  protected ImportConfig config() throws Exception {
    if (narrow == null) {
      narrow = FaultProxy.start(REGISTRY.baseUri());
    }
    return TestConfig.insecure(
        List.of(REGISTRY.host(), proxy.host(), narrow.host()),
        "imageImport:\n  scheduledImageImportMinimumIntervalSeconds: "
            + INTERVAL.toSeconds()
            + "\n  maxScheduledImageImportsPerMinute: -1\n"
            + "registryLimits:\n  hosts:\n    \""
            + narrow.host()
            + "\": {requestsPerSecond: 100, burst: 100, maxConcurrent: 1}\n");
  }

  /**
   * Each address's scheme and auth are learned once, so that every attempt below is one HEAD and
   * its GETs.
   */
  @BeforeAll
  void learnTheRegistryAddresses() {
    String warmup = "healing-warmup";
    k8s.namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(warmup).endMetadata().build())
        .create();
    REGISTRY.pusher().pushOciImage("heal/warmup", "v", Platform.LINUX_AMD64, 200);
    for (FaultProxy p : List.of(proxy, narrow)) {
      String name = "warm-" + p.port();
      k8s.resource(
              Streams.stream(warmup, name)
                  .dockerImage("v", p.host() + "/heal/warmup:v")
                  .forCreate())
          .create();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  Optional.ofNullable(
                          k8s.resources(ImageStream.class).inNamespace(warmup).withName(name).get())
                      .map(ImageStream::getStatus)
                      .flatMap(s -> s.tag("v"))
                      .flatMap(t -> t.current())
                      .isPresent());
    }
  }

  @AfterAll
  void stopNarrow() {
    if (narrow != null) {
      narrow.close();
    }
  }

  /** Streams that keep failing would keep retrying into the next scenario. */
  @AfterEach
  void deleteStreams() {
    proxy.acceptConnections();
    k8s.resources(ImageStream.class).inNamespace(ns).delete();
    narrow.reset();
  }

  // ---- 1. retries that happen, on their schedule
  // ------------------------------------------------------

  @Test
  void aTagWhoseRegistryIsDownAtCreationIsImportedOnTheRetryScheduleOnceItIsBack() {
    PushedImage image =
        REGISTRY.pusher().pushOciImage("heal/down", "v1", Platform.LINUX_AMD64, 201);
    String manifests = "/v2/heal/down/manifests/.*"; // a first import fetches the manifest at once
    FaultProxy.Rule down = proxy.when("*", ".*").then(Fault.serviceUnavailable());
    create(
        Streams.stream(ns, "down").dockerImage("app", proxy.host() + "/heal/down:v1").forCreate());

    ImageStreamStatus failed =
        awaitStatus("down", s -> s.tag("app").flatMap(t -> t.importCondition()).isPresent());
    assertThat(tag(failed, "app").importCondition().orElseThrow().reason())
        .isEqualTo("Unavailable");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> attempts(proxy.requests("GET", manifests)).size() >= 3);
    Instant up = Instant.now();
    down.remove();

    ImageStreamStatus imported = awaitReady("down");
    assertThat(tag(imported, "app").current().orElseThrow().image()).isEqualTo(image.digest());
    List<Instant> attempts = attempts(proxy.requests("GET", manifests));
    assertThat(attempts).hasSizeGreaterThanOrEqualTo(3);
    for (int k = 1; k < attempts.size(); k++) {
      Duration scheduled = TAG_RETRIES.delay(k, 0.5);
      Duration gap = Duration.between(attempts.get(k - 1), attempts.get(k));
      assertThat(gap)
          .as("retry %d after %s (scheduled %s ±20%%)", k, gap, scheduled)
          .isBetween(percent(scheduled, 80), percent(scheduled, 120).plusSeconds(2));
    }
    Instant last = attempts.get(attempts.size() - 1);
    assertThat(Duration.between(up, last))
        .as("the first attempt after the registry came back (or the one under way) imports")
        .isLessThanOrEqualTo(
            percent(TAG_RETRIES.delay(attempts.size() - 1, 0.5), 120).plusSeconds(2));
  }

  // ---- 2. an outage is one step, and everything heals after it
  // --------------------------------------

  @Test
  void aRegistryStoppedDuringAMassApplyHealsEveryStreamAndItsScheduleWithoutATrigger() {
    int streams = 30;
    REGISTRY.pusher().pushOciImage("heal/watched", "v", Platform.LINUX_AMD64, 211);
    create(
        Streams.stream(ns, "watched")
            .scheduled("app", proxy.host() + "/heal/watched:v")
            .forCreate());
    awaitReady("watched");
    PushedImage image = null;
    for (int i = 0; i < streams; i++) {
      image = REGISTRY.pusher().pushOciImage("heal/mass", "t" + i, Platform.LINUX_AMD64, 212);
    }

    // the mass apply keeps the registry busy: a host's worth of imports are under way when it stops
    proxy.when("GET", "/v2/heal/mass/manifests/.*").then(Fault.slowHeaders(Duration.ofSeconds(5)));
    for (int i = 0; i < streams; i++) {
      create(
          Streams.stream(ns, "m" + i)
              .dockerImage("app", proxy.host() + "/heal/mass:t" + i)
              .forCreate());
    }
    int lane = ImportConfig.defaults().registryLimits().defaults().maxConcurrent();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> proxy.count("GET", "/v2/heal/mass/manifests/.*") >= lane);
    proxy.refuseConnections();
    Instant down = Instant.now();
    proxy.clearRules();
    for (int i = 0; i < streams; i++) {
      ImageStreamStatus failed =
          awaitStatus("m" + i, s -> s.tag("app").flatMap(t -> t.importCondition()).isPresent());
      assertThat(tag(failed, "app").importCondition().orElseThrow().reason())
          .isEqualTo("Unavailable");
    }
    proxy.clearRequests();
    proxy.acceptConnections();
    Instant up = Instant.now();
    // doubling steps of one outage add up to about its length: the host is left alone for at most
    // that long again
    Duration hostBackoff = percent(Duration.between(down, up), 150);

    String digest = image.digest();
    await()
        .atMost(percent(TAG_RETRIES.max(), 120).plus(hostBackoff).plusSeconds(3))
        .untilAsserted(
            () -> {
              for (int i = 0; i < streams; i++) {
                assertThat(
                        Optional.ofNullable(get("m" + i).getStatus())
                            .flatMap(s -> s.tag("app"))
                            .flatMap(t -> t.current()))
                    .as("m%d converged with no trigger but its retries", i)
                    .hasValueSatisfying(e -> assertThat(e.image()).isEqualTo(digest));
              }
            });
    Duration withinOneInterval = INTERVAL.plus(hostBackoff).plusSeconds(2);
    Instant checked =
        await()
            .atMost(withinOneInterval.plusSeconds(5))
            .until(
                () ->
                    proxy.requests("HEAD", "/v2/heal/watched/manifests/.*").stream()
                        .map(RecordedRequest::receivedAt)
                        .findFirst()
                        .orElse(null),
                java.util.Objects::nonNull);
    assertThat(Duration.between(up, checked))
        .as("the host's backoff follows the outage's length, not its %d failures", streams)
        .isLessThan(withinOneInterval);
    awaitReady("watched");
  }

  // ---- 3. retries within an import
  // --------------------------------------------------------------------

  @Test
  void aRegistryFailingEveryOtherRequestStillImportsWithOneRetryPerRequest() {
    PushedIndex index = REGISTRY.pusher().pushOciIndex("heal/flaky", "multi", 221);
    proxy.when("*", "/v2/heal/flaky/.*").then(Fault.everyOther(Fault.serviceUnavailable()));
    create(
        Streams.stream(ns, "flaky")
            .dockerImage("app", proxy.host() + "/heal/flaky:multi")
            .forCreate());

    ImageStreamStatus status = awaitReady("flaky");
    assertThat(tag(status, "app").current().orElseThrow().image())
        .isEqualTo(index.child(Platform.LINUX_AMD64).digest());
    Map<String, Long> sent =
        proxy.requests("*", "/v2/heal/flaky/.*").stream()
            .collect(
                Collectors.groupingBy(r -> r.method() + " " + r.path(), Collectors.counting()));
    assertThat(sent)
        .as(
            "the list, the linux/amd64 manifest and its config: each failed once and was retried once")
        .hasSize(3)
        .allSatisfy((request, count) -> assertThat(count).as(request).isEqualTo(2));
  }

  // ---- 4. one deadline per import
  // ---------------------------------------------------------------------

  @Test
  void aSlowBodyFailsTheImportAtItsDeadlineAndFreesTheLane() {
    PushedIndex slow = REGISTRY.pusher().pushOciIndex("heal/slow", "multi", 231);
    PushedImage next = REGISTRY.pusher().pushOciImage("heal/next", "v1", Platform.LINUX_AMD64, 232);
    narrow.when("GET", "/v2/heal/slow/.*").once().then(Fault.slowBody(Duration.ofSeconds(20)));
    create(
        Streams.stream(ns, "slow")
            .dockerImage("app", narrow.host() + "/heal/slow:multi")
            .forCreate());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> narrow.count("GET", "/v2/heal/slow/.*") >= 1);
    create(
        Streams.stream(ns, "next").dockerImage("app", narrow.host() + "/heal/next:v1").forCreate());

    assertThat(tag(awaitReady("next"), "app").current().orElseThrow().image())
        .isEqualTo(next.digest());
    assertThat(tag(awaitReady("slow"), "app").current().orElseThrow().image())
        .isEqualTo(slow.child(Platform.LINUX_AMD64).digest());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(events("slow"))
                    .filteredOn(e -> "ImportFailed".equals(e.getReason()))
                    .singleElement()
                    .satisfies(
                        e ->
                            assertThat(e.getMessage())
                                .contains(
                                    "Unavailable: import deadline of 3s exceeded while fetching manifest")));

    List<RecordedRequest> slowAttempts = narrow.requests("GET", "/v2/heal/slow/manifests/multi");
    Instant nextStarted = narrow.requests("GET", "/v2/heal/next/manifests/v1").get(0).receivedAt();
    Duration retryWindow = percent(TAG_RETRIES.first(), 120).plusSeconds(2);
    assertThat(Duration.between(slowAttempts.get(0).receivedAt(), slowAttempts.get(1).receivedAt()))
        .as("the first attempt ended at its deadline and was retried on schedule")
        .isBetween(IMPORT_DEADLINE, IMPORT_DEADLINE.plus(retryWindow));
    assertThat(Duration.between(slowAttempts.get(0).receivedAt(), nextStarted))
        .as(
            "the host's only lane served the next import once the deadline passed, not after the 20 s body")
        .isLessThan(IMPORT_DEADLINE.plus(retryWindow));
  }

  // ---- 5. one repository's auth never blocks its host
  // -----------------------------------------------

  @Test
  void aRepositoryWithARefusedTokenRealmDoesNotBlockTheOtherRepositoriesOfItsHost() {
    PushedImage ordinary =
        REGISTRY.pusher().pushOciImage("heal/ordinary", "v1", Platform.LINUX_AMD64, 241);
    proxy
        .when("*", "/v2/heal/evil/.*")
        .then(
            Fault.status(
                401,
                Map.of(
                    "WWW-Authenticate",
                    "Bearer realm=\"http://169.254.169.254/token\",service=\"evil\",scope=\"repository:heal/evil:pull\""),
                ""));
    create(
        Streams.stream(ns, "evil").dockerImage("app", proxy.host() + "/heal/evil:v1").forCreate());
    ImageStreamStatus refused =
        awaitStatus("evil", s -> s.tag("app").flatMap(t -> t.importCondition()).isPresent());
    assertThat(tag(refused, "app").importCondition().orElseThrow().reason()).isEqualTo("Forbidden");
    assertThat(tag(refused, "app").importCondition().orElseThrow().message())
        .contains("169.254.169.254");

    create(
        Streams.stream(ns, "ordinary")
            .dockerImage("app", proxy.host() + "/heal/ordinary:v1")
            .forCreate());
    assertThat(tag(awaitReady("ordinary"), "app").current().orElseThrow().image())
        .isEqualTo(ordinary.digest());
  }

  // ---- 6. deleted streams cancel their work
  // ------------------------------------------------------------

  @Test
  void aStreamDeletedDuringItsImportSendsNoRequestOnceTheDeletionIsSeen() {
    Streams stream = Streams.stream(ns, "gone");
    for (int i = 0; i < 10; i++) {
      REGISTRY.pusher().pushOciImage("heal/gone", "t" + i, Platform.LINUX_AMD64, 250 + i);
      stream.dockerImage("t" + i, narrow.host() + "/heal/gone:t" + i);
    }
    narrow
        .when("GET", "/v2/heal/gone/manifests/.*")
        .then(Fault.slowHeaders(Duration.ofMillis(700)));
    create(stream.forCreate());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> narrow.count("GET", "/v2/heal/gone/manifests/.*") >= 1);

    k8s.resources(ImageStream.class).inNamespace(ns).withName("gone").delete();
    StreamId id = new StreamId(ns, "gone");
    await().atMost(Duration.ofSeconds(30)).until(() -> !operator.engine().imports().waitsFor(id));
    Instant seen = Instant.now();
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(narrow.requests("*", "/v2/heal/gone/.*"))
                    .filteredOn(r -> r.receivedAt().isAfter(seen))
                    .as("requests for the deleted stream after its deletion was seen")
                    .isEmpty());
    assertThat(narrow.count("GET", "/v2/heal/gone/manifests/.*"))
        .as("its queued imports never started")
        .isLessThan(10);
  }

  // ---- 7. one fetch per digest in flight
  // ---------------------------------------------------------------

  @Test
  void concurrentColdImportsOfOneNewImageFetchItsConfigOnce() {
    int streams = 8;
    PushedImage image = null;
    for (int i = 0; i < streams; i++) {
      image = REGISTRY.pusher().pushOciImage("heal/same", "t" + i, Platform.LINUX_AMD64, 261);
    }
    // the first config GET takes a while, so every import has its manifest before it ends
    proxy.when("GET", "/v2/heal/same/blobs/.*").then(Fault.slowHeaders(Duration.ofSeconds(2)));
    for (int i = 0; i < streams; i++) {
      create(
          Streams.stream(ns, "same" + i)
              .dockerImage("app", proxy.host() + "/heal/same:t" + i)
              .forCreate());
    }
    for (int i = 0; i < streams; i++) {
      assertThat(tag(awaitReady("same" + i), "app").current().orElseThrow().image())
          .isEqualTo(image.digest());
    }
    assertThat(proxy.count("GET", "/v2/heal/same/manifests/t.*"))
        .as("each new tag's manifest, which brings its digest")
        .isEqualTo(streams);
    assertThat(proxy.count("HEAD", "/v2/heal/same/.*")).as("nothing asked first").isZero();
    assertThat(proxy.count("GET", "/v2/heal/same/blobs/" + image.configDigest()))
        .as("one config GET in all")
        .isEqualTo(1);
  }

  // ---- helpers
  // ------------------------------------------------------------------------------------------

  /**
   * When each import attempt started: requests closer together than {@link #SAME_ATTEMPT} are one
   * attempt's retries.
   */
  private static List<Instant> attempts(List<RecordedRequest> requests) {
    List<Instant> starts = new ArrayList<>();
    Instant previous = null;
    for (RecordedRequest r : requests) {
      if (previous == null
          || Duration.between(previous, r.receivedAt()).compareTo(SAME_ATTEMPT) > 0) {
        starts.add(r.receivedAt());
      }
      previous = r.receivedAt();
    }
    return starts;
  }

  private static Duration percent(Duration d, int percent) {
    return Duration.ofMillis(d.toMillis() * percent / 100);
  }
}
