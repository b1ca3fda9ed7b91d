package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.imports.StreamTag;
import dev.imagestreams.testinfra.registry.Fault;
import dev.imagestreams.testinfra.registry.FaultProxy;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled import on a short interval (2 s, no cap): tags follow their source, unchanged checks
 * cost one HEAD and no write, shared references are checked once, and one rate-limited registry
 * does not hold up another.
 */
abstract class ScheduleScenarios extends OperatorTestBase {
  /** Scheduled checks every two seconds, as many a minute as are due. */
  private static final String EVERY_TWO_SECONDS_UNCAPPED =
      "imageImport:\n  scheduledImageImportMinimumIntervalSeconds: 2\n"
          + "  maxScheduledImageImportsPerMinute: -1\n";

  @Override
  protected ImportConfig config() throws Exception {
    return TestConfig.insecure(
        List.of(REGISTRY.host(), proxy.host(), BASIC.host()), EVERY_TWO_SECONDS_UNCAPPED);
  }

  private String heads(String repository) {
    return "/v2/" + repository + "/manifests/.*";
  }

  @Test
  void aScheduledTagFollowsItsSourceAndUnchangedChecksWriteNothing() {
    PushedImage v1 = REGISTRY.pusher().pushOciImage("sched/app", "live", Platform.LINUX_AMD64, 101);
    create(
        Streams.stream(ns, "live").scheduled("app", proxy.host() + "/sched/app:live").forCreate());
    awaitReady("live");
    String statusPath = "/namespaces/" + ns + "/imagestreams/live/status";
    proxy.clearRequests();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> proxy.count("HEAD", heads("sched/app")) >= 3);
    assertThat(proxy.count("GET", heads("sched/app")))
        .as("unchanged checks download nothing")
        .isZero();
    assertThat(api.requests().writes(statusPath)).as("unchanged checks write nothing").isEqualTo(1);

    PushedImage v2 = REGISTRY.pusher().pushOciImage("sched/app", "live", Platform.LINUX_AMD64, 102);
    ImageStreamStatus moved =
        awaitStatus(
            "live",
            s -> tag(s, "app").current().map(e -> v2.digest().equals(e.image())).orElse(false));
    assertThat(tag(moved, "app").itemList())
        .extracting(TagEvent::image)
        .containsExactly(v2.digest(), v1.digest());
    assertThat(api.requests().writes(statusPath))
        .as("a new digest costs one status write")
        .isEqualTo(2);
  }

  @Test
  void aReferenceSharedByManyStreamsIsCheckedOnce() {
    int streams = 20;
    REGISTRY.pusher().pushOciImage("sched/shared", "v", Platform.LINUX_AMD64, 111);
    for (int i = 0; i < streams; i++) {
      create(
          Streams.stream(ns, "s" + i)
              .scheduled("app", proxy.host() + "/sched/shared:v")
              .forCreate());
    }
    for (int i = 0; i < streams; i++) {
      awaitReady("s" + i);
    }
    proxy.clearRequests();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> proxy.count("HEAD", heads("sched/shared")) >= 2);
    assertThat(proxy.count("HEAD", heads("sched/shared")))
        .as("one check per interval for all %d streams", streams)
        .isLessThan(streams);

    PushedImage moved =
        REGISTRY.pusher().pushOciImage("sched/shared", "v", Platform.LINUX_AMD64, 112);
    for (int i = 0; i < streams; i++) {
      String name = "s" + i;
      awaitStatus(
          name,
          s -> tag(s, "app").current().map(e -> moved.digest().equals(e.image())).orElse(false));
    }
    assertThat(proxy.count("GET", "/v2/sched/shared/manifests/" + moved.digest()))
        .as("the new manifest is fetched once")
        .isEqualTo(1);
    assertThat(proxy.count("GET", "/v2/sched/shared/blobs/" + moved.configDigest()))
        .as("its config is fetched once")
        .isEqualTo(1);
  }

  @Test
  void digestPinnedTagsLeaveTheScheduleAndClearingScheduledStopsChecks() {
    PushedImage image =
        REGISTRY.pusher().pushOciImage("sched/pinned", "v", Platform.LINUX_AMD64, 121);
    create(
        Streams.stream(ns, "pins")
            .scheduled("pinned", proxy.host() + "/sched/pinned@" + image.digest())
            .scheduled("moving", proxy.host() + "/sched/pinned:v")
            .forCreate());
    awaitReady("pins");
    StreamId id = new StreamId(ns, "pins");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> operator.engine().scheduler().tracks(new StreamTag(id, "moving")));
    assertThat(operator.engine().scheduler().tracks(new StreamTag(id, "pinned")))
        .as("a digest-pinned tag is checked once")
        .isFalse();

    retarget(
        "pins",
        s -> {
          s.getSpec()
              .tags()
              .set(1, Streams.docker("moving", proxy.host() + "/sched/pinned:v", false));
          return s;
        });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !operator.engine().scheduler().tracks(new StreamTag(id, "moving")));
  }

  @Test
  void aRateLimitedRegistryBacksOffWithoutDelayingAnother() throws Exception {
    REGISTRY.pusher().pushOciImage("sched/polite", "v", Platform.LINUX_AMD64, 131);
    try (FaultProxy limited = FaultProxy.start(REGISTRY.baseUri())) {
      operator.apply(
          TestConfig.insecure(
              List.of(REGISTRY.host(), proxy.host(), limited.host()), EVERY_TWO_SECONDS_UNCAPPED));
      create(
          Streams.stream(ns, "limited")
              .scheduled("app", limited.host() + "/sched/polite:v")
              .forCreate());
      create(
          Streams.stream(ns, "fine")
              .scheduled("app", proxy.host() + "/sched/polite:v")
              .forCreate());
      awaitReady("limited");
      awaitReady("fine");

      limited.when("HEAD", ".*").then(Fault.tooManyRequests(Duration.ofSeconds(3600)));
      proxy.clearRequests();
      ImageStreamStatus throttled =
          awaitStatus("limited", s -> tag(s, "app").importCondition().isPresent());
      assertThat(tag(throttled, "app").importCondition().orElseThrow().reason())
          .isEqualTo("RateLimited");
      assertThat(tag(throttled, "app").current()).as("the image is kept").isPresent();
      int limitedHeads = limited.count("HEAD", ".*");

      int before = proxy.count("HEAD", ".*");
      await().atMost(Duration.ofSeconds(30)).until(() -> proxy.count("HEAD", ".*") >= before + 3);
      assertThat(limited.count("HEAD", ".*"))
          .as("the rate-limited registry is left alone")
          .isEqualTo(limitedHeads);
      assertThat(operator.engine().lanes().backoffUntil(limited.host())).isPresent();
    } finally {
      operator.apply(config());
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(ScheduleScenarios.class);

  /** How far apart scheduled checks of one reference may be at most: two intervals. */
  private static final Duration CHECK_BOUND = Duration.ofSeconds(4);

  @Test
  void aBulkImportFromTheSameRegistryDoesNotStarveItsScheduledChecks() {
    REGISTRY.pusher().pushOciImage("sched/watched", "live", Platform.LINUX_AMD64, 121);
    create(
        Streams.stream(ns, "watched")
            .scheduled("app", proxy.host() + "/sched/watched:live")
            .forCreate());
    awaitReady("watched");
    int bulk = 80;
    for (int i = 0; i < bulk; i++) {
      REGISTRY.pusher().pushOciImage("sched/bulk", "v" + i, Platform.LINUX_AMD64, 2000 + i);
    }
    // every GET of the bulk takes 700 ms: its 160 GETs keep all of the registry's lanes busy for
    // many intervals (at 400 ms a run on a quiet machine finished the bulk in 7.8 s, too short to
    // show anything)
    proxy.when("GET", "/v2/sched/bulk/.*").then(Fault.slowHeaders(Duration.ofMillis(700)));
    proxy.clearRequests();
    for (int i = 0; i < bulk; i++) {
      create(
          Streams.stream(ns, "bulk-" + i)
              .dockerImage("v", proxy.host() + "/sched/bulk:v" + i)
              .forCreate());
    }
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> proxy.count("GET", "/v2/sched/bulk/blobs/.*") >= bulk);

    List<Instant> bulkRequests =
        proxy.requests("GET", "/v2/sched/bulk/.*").stream()
            .map(RecordedRequest::receivedAt)
            .sorted()
            .toList();
    Instant start = bulkRequests.get(0);
    Instant end = bulkRequests.get(bulkRequests.size() - 1);
    assertThat(Duration.between(start, end))
        .as("the bulk lasted long enough to starve a check")
        .isGreaterThan(CHECK_BOUND.multipliedBy(2));
    List<Instant> checks =
        proxy.requests("HEAD", heads("sched/watched")).stream()
            .map(RecordedRequest::receivedAt)
            .filter(t -> !t.isBefore(start.minus(CHECK_BOUND)) && !t.isAfter(end.plus(CHECK_BOUND)))
            .sorted()
            .toList();
    List<Duration> gaps = new ArrayList<>();
    Instant previous = start;
    for (Instant check : checks) {
      gaps.add(Duration.between(previous, check));
      previous = check;
    }
    gaps.add(Duration.between(previous, end));
    LOG.info(
        "a bulk of {} imports lasting {} ms: {} scheduled checks of the watched reference, the"
            + " longest gap {} ms (interval 2,000 ms)",
        bulk,
        Duration.between(start, end).toMillis(),
        checks.size(),
        gaps.stream().max(Duration::compareTo).orElseThrow().toMillis());
    assertThat(gaps)
        .as("no gap between scheduled checks, while the bulk ran, longer than two intervals")
        .allSatisfy(gap -> assertThat(gap).isLessThanOrEqualTo(CHECK_BOUND));
  }

  @Test
  void aRegistryBackFromAnOutageIsCheckedWithinAnInterval() {
    REGISTRY.pusher().pushOciImage("sched/outage", "v", Platform.LINUX_AMD64, 151);
    create(
        Streams.stream(ns, "outage")
            .scheduled("app", proxy.host() + "/sched/outage:v")
            .forCreate());
    awaitReady("outage");
    proxy.refuseConnections();
    // an outage of ten intervals: without a cap, the host's backoff steps (1, 2, 4, 8, 16 s) would
    // leave it alone for seconds after its return
    await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(21)).until(() -> true);
    proxy.clearRequests();
    proxy.acceptConnections();
    Instant back = Instant.now();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> proxy.count("HEAD", heads("sched/outage")) >= 1);
    Instant firstCheck = proxy.requests("HEAD", heads("sched/outage")).get(0).receivedAt();
    LOG.info(
        "after a 20 s outage the first scheduled check came {} ms after the registry's return"
            + " (interval 2,000 ms)",
        Duration.between(back, firstCheck).toMillis());
    assertThat(Duration.between(back, firstCheck))
        .as("the first check after the registry's return")
        .isLessThanOrEqualTo(CHECK_BOUND);
  }

  @Test
  void disablingScheduledImportStopsChecksButNotImports() throws Exception {
    REGISTRY.pusher().pushOciImage("sched/off", "v", Platform.LINUX_AMD64, 141);
    create(Streams.stream(ns, "off").scheduled("app", proxy.host() + "/sched/off:v").forCreate());
    awaitReady("off");
    proxy.clearRequests();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> proxy.count("HEAD", heads("sched/off")) >= 2);
    try {
      operator.apply(
          TestConfig.insecure(
              List.of(REGISTRY.host(), proxy.host()),
              "imageImport:\n  scheduledImageImportMinimumIntervalSeconds: 2\n"
                  + "  disableScheduledImport: true\n"));
      PushedImage other =
          REGISTRY.pusher().pushOciImage("sched/off", "other", Platform.LINUX_AMD64, 142);
      create(
          Streams.stream(ns, "ondemand")
              .dockerImage("app", proxy.host() + "/sched/off:other")
              .forCreate());
      assertThat(tag(awaitReady("ondemand"), "app").current().orElseThrow().image())
          .isEqualTo(other.digest());
      proxy.clearRequests();
      // with the schedule on, the 2 s interval would check the tag at least twice in 5 s
      await()
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(10))
          .until(() -> proxy.count("HEAD", heads("sched/off")) == 0);
    } finally {
      operator.apply(config());
    }
  }
}
