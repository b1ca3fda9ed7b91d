package dev.imagestreams.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.config.RegistryLimits;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RateLimitInfo;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.testinfra.registry.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Per-host lanes, on a clock that stands still and an executor the test drives. */
class RegistryLanesTest {
  private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");
  private static final String HOST = "registry.example.com";
  private static final String OTHER = "other.example.com";

  private final ManualClock clock = new ManualClock(T);
  private final ManualExecutor workers = new ManualExecutor();
  private final RegistryLanes lanes = lanes(workers, 1);

  /** Lanes on the test's clock, each host allowed {@code maxConcurrent} requests at a time. */
  private RegistryLanes lanes(ManualExecutor executor, int maxConcurrent) {
    return new RegistryLanes(
        executor,
        clock,
        host -> new RegistryLimits(10.0, 20, maxConcurrent),
        RetryBackoffs.DEFAULT.hostOutages(),
        () -> java.time.Duration.ofMinutes(15));
  }

  private static RegistryException rateLimited(Duration retryAfter) {
    return RegistryException.fromResponse(
        ErrorKind.RATE_LIMITED,
        "429",
        429,
        null,
        new RateLimitInfo(
            Optional.of(retryAfter), OptionalLong.empty(), OptionalLong.empty(), Optional.empty()));
  }

  private static RegistryException failureOf(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    Throwable error = future.handle((v, e) -> e).join();
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    assertThat(cause).isInstanceOf(RegistryException.class);
    return (RegistryException) cause;
  }

  @Test
  void aHostRunsAtMostMaxConcurrentAndOnDemandWorkOvertakesScheduledWork() {
    List<String> ran = new ArrayList<>();
    CompletableFuture<String> first =
        lanes.submit(HOST, RegistryLanes.Priority.SCHEDULED, () -> add(ran, "scheduled-1"));
    CompletableFuture<String> second =
        lanes.submit(HOST, RegistryLanes.Priority.SCHEDULED, () -> add(ran, "scheduled-2"));
    CompletableFuture<String> user =
        lanes.submit(HOST, RegistryLanes.Priority.ON_DEMAND, () -> add(ran, "on-demand"));

    assertThat(workers.pending()).as("one at a time for the host").isEqualTo(1);
    assertThat(lanes.queued(HOST)).isEqualTo(2);
    workers.runAll();

    assertThat(ran).containsExactly("scheduled-1", "on-demand", "scheduled-2");
    assertThat(first).isCompletedWithValue("scheduled-1");
    assertThat(second).isCompletedWithValue("scheduled-2");
    assertThat(user).isCompletedWithValue("on-demand");
    assertThat(lanes.queued(HOST)).isZero();
  }

  @Test
  void scheduledChecksKeepAQuarterOfAHostsLanesUnderABulkOfImports() {
    ManualExecutor executor = new ManualExecutor();
    RegistryLanes eight = lanes(executor, 8);
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String name = "import-" + i;
      eight.submit(HOST, RegistryLanes.Priority.ON_DEMAND, () -> add(started, name));
    }
    assertThat(executor.pending()).as("the bulk takes every lane").isEqualTo(8);
    eight.submit(HOST, RegistryLanes.Priority.SCHEDULED, () -> add(started, "check-1"));
    eight.submit(HOST, RegistryLanes.Priority.SCHEDULED, () -> add(started, "check-2"));
    eight.submit(HOST, RegistryLanes.Priority.SCHEDULED, () -> add(started, "check-3"));

    executor.runNext();
    executor.runNext();
    assertThat(started).as("two imports ended").hasSize(2);
    executor.runAll();

    assertThat(started.subList(0, 12))
        .as("the first two lanes that free go to checks, and a third check waits for one of them")
        .containsSubsequence("check-1", "check-2")
        .doesNotContain("check-3");
    assertThat(started.indexOf("check-3")).isLessThan(started.indexOf("import-20"));
    assertThat(started).hasSize(203);
  }

  @Test
  void stoppedLanesFailWhatWaitsAndWhatComesAndStartNothing() {
    CompletableFuture<String> running =
        lanes.submit(HOST, RegistryLanes.Priority.ON_DEMAND, () -> "ran");
    CompletableFuture<String> waiting =
        lanes.submit(HOST, RegistryLanes.Priority.SCHEDULED, () -> "never");
    assertThat(workers.pending()).isEqualTo(1);

    assertThat(lanes.stop()).as("one running, one waiting").isEqualTo(2);

    assertThat(failureOf(waiting).kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(
            failureOf(lanes.submit(OTHER, RegistryLanes.Priority.ON_DEMAND, () -> "late")).kind())
        .isEqualTo(ErrorKind.CANCELLED);
    workers.runAll();
    assertThat(running).as("work under way ends as it would").isCompletedWithValue("ran");
    assertThat(workers.pending()).as("nothing new starts").isZero();
  }

  @Test
  void aBusyHostDoesNotDelayAnother() {
    lanes.submit(HOST, RegistryLanes.Priority.ON_DEMAND, () -> "a");
    lanes.submit(HOST, RegistryLanes.Priority.ON_DEMAND, () -> "b");
    CompletableFuture<String> other =
        lanes.submit(OTHER, RegistryLanes.Priority.SCHEDULED, () -> "c");

    assertThat(workers.pending()).as("the first of the host and the other host's").isEqualTo(2);
    assertThat(lanes.queued(HOST)).isEqualTo(1);
    assertThat(lanes.queued(OTHER)).isZero();
    workers.runNext();
    workers.runNext();
    assertThat(other).isCompletedWithValue("c");
  }

  @Test
  void aRateLimitedHostIsLeftAloneForItsRetryAfterWithoutRunningWork() {
    CompletableFuture<String> limited = failing(rateLimited(Duration.ofSeconds(30)));
    workers.runAll();
    assertThat(failureOf(limited).kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(lanes.backoffUntil(HOST)).contains(T.plusSeconds(30));

    boolean[] called = {false};
    CompletableFuture<String> refused =
        lanes.submit(HOST, RegistryLanes.Priority.ON_DEMAND, marking(called));
    RegistryException refusal = failureOf(refused);
    assertThat(refusal.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(refusal.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(refusal.getMessage()).contains(HOST).contains("rate limited").contains("30s");
    assertThat(workers.pending()).as("refused at once, no thread used").isZero();
    assertThat(called[0]).isFalse();

    assertThat(lanes.submit(OTHER, RegistryLanes.Priority.ON_DEMAND, () -> "ok")).isNotDone();
    workers.runAll();

    clock.advance(Duration.ofSeconds(30));
    assertThat(lanes.backoffUntil(HOST)).isEmpty();
    CompletableFuture<String> after =
        lanes.submit(HOST, RegistryLanes.Priority.ON_DEMAND, () -> "back");
    workers.runAll();
    assertThat(after).isCompletedWithValue("back");
  }

  @Test
  void workQueuedBeforeTheHostStartedBackingOffFailsWithoutRunning() {
    failing(rateLimited(Duration.ofMinutes(2)));
    boolean[] called = {false};
    CompletableFuture<String> queued =
        lanes.submit(HOST, RegistryLanes.Priority.SCHEDULED, marking(called));
    workers.runAll();
    assertThat(failureOf(queued).kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(called[0]).isFalse();
  }

  @Test
  void anUnavailableHostBacksOffAboutASecondAndASuccessEndsIt() {
    CompletableFuture<String> down = failing(RegistryException.of(ErrorKind.UNAVAILABLE, "502"));
    workers.runAll();
    assertThat(failureOf(down).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(lanes.backoffUntil(HOST))
        .hasValueSatisfying(
            until -> assertThat(until).isBetween(T.plusMillis(800), T.plusMillis(1200)));
    assertThat(failureOf(lanes.submit(HOST, RegistryLanes.Priority.SCHEDULED, () -> "x")).kind())
        .isEqualTo(ErrorKind.UNAVAILABLE);

    clock.advance(Duration.ofSeconds(2));
    CompletableFuture<String> up = lanes.submit(HOST, RegistryLanes.Priority.SCHEDULED, () -> "up");
    workers.runAll();
    assertThat(up).isCompletedWithValue("up");
    assertThat(lanes.backoffUntil(HOST)).isEmpty();
  }

  @Test
  void cancelledWorkAndRequestErrorsSayNothingAboutTheHost() {
    CompletableFuture<String> cancelled =
        failing(RegistryException.of(ErrorKind.CANCELLED, "nobody waits"));
    CompletableFuture<String> missing =
        failing(RegistryException.of(ErrorKind.NOT_FOUND, "no such tag"));
    CompletableFuture<String> broken = failing(new IllegalStateException("bug"));
    workers.runAll();

    assertThat(failureOf(cancelled).kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(failureOf(missing).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(broken).isCompletedExceptionally();
    assertThat(lanes.backoffUntil(HOST)).isEmpty();
    CompletableFuture<String> next =
        lanes.submit(HOST, RegistryLanes.Priority.ON_DEMAND, () -> "fine");
    workers.runAll();
    assertThat(next).as("a failing task frees its slot").isCompletedWithValue("fine");
  }

  /** Work that marks that it ran. */
  private static Callable<String> marking(boolean[] called) {
    return () -> {
      called[0] = true;
      return "x";
    };
  }

  /** Work on the host, on demand, that fails with {@code failure}. */
  private CompletableFuture<String> failing(Exception failure) {
    return lanes.submit(
        HOST,
        RegistryLanes.Priority.ON_DEMAND,
        () -> {
          throw failure;
        });
  }

  private static String add(List<String> ran, String name) {
    ran.add(name);
    return name;
  }
}
