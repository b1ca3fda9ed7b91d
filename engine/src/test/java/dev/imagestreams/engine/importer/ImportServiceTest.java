package dev.imagestreams.engine.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.config.RegistryLimits;
import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.engine.imports.ImportOutcome;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.imports.StreamTag;
import dev.imagestreams.engine.planning.ImportReason;
import dev.imagestreams.engine.planning.TagPlan;
import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.ResolveOptions;
import dev.imagestreams.registry.ResolvedImage;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.http.Cancellation;
import dev.imagestreams.registry.reference.ImageReference;
import dev.imagestreams.registry.testing.References;
import dev.imagestreams.testinfra.registry.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What tags see of the import mailbox: one request per key, results delivered to every tag that
 * asked, reuse within the window, cancellation of imports nobody waits for. The registry is a fake
 * resolver; the lanes run on an executor the test drives; the clock stands still.
 */
class ImportServiceTest {
  private static final Instant T = Instant.parse("2026-11-26T12:00:00Z");
  private static final StreamId A = new StreamId("ns", "a");
  private static final StreamId B = new StreamId("other", "b");
  private static final ImageReference IMAGE = References.image("registry.example.com/team/app:1");
  private static final ImportKey KEY =
      ImportKey.of(IMAGE, ResolveOptions.defaults(), false, "anonymous");

  private final ManualClock clock = new ManualClock(T);
  private final ManualExecutor workers = new ManualExecutor();
  private final List<Cancellation> calls = new ArrayList<>();
  private final List<StreamId> reconciled = new ArrayList<>();
  private final List<ImportOutcome> observed = new ArrayList<>();
  private Resolver registry = (image, access, options, cancellation) -> image(image);

  /** The fake registry's answer; swapped per test. */
  private interface Resolver {
    ResolvedImage resolve(
        ImageReference image, Access access, ResolveOptions options, Cancellation cancellation)
        throws RegistryException;
  }

  private final ImportService service =
      new ImportService(
          (image, access, options, cancellation) -> {
            calls.add(cancellation);
            return registry.resolve(image, access, options, cancellation);
          },
          new RegistryLanes(
              workers,
              clock,
              host -> RegistryLimits.DEFAULT,
              RetryBackoffs.DEFAULT.hostOutages(),
              () -> java.time.Duration.ofMinutes(15)),
          clock,
          (key, outcome, duration, scheduled) -> observed.add(outcome),
          reconciled::add);

  private static TagPlan.Import plan(String tag, Optional<ImportReason> reason) {
    return new TagPlan.Import(
        tag, IMAGE, KEY, Access.anonymous(), null, false, reason, Optional.empty());
  }

  private static TagPlan.Import newTag(String tag) {
    return plan(tag, Optional.of(ImportReason.NEW));
  }

  private static ResolvedImage image(ImageReference reference) {
    return new ResolvedImage(reference, null, null, null, 0, List.of(), 0, null, List.of(), null);
  }

  @Test
  void tagsAskingForTheSameImageShareOneImportAndAllReceiveItsResult() {
    assertThat(service.request(A, newTag("1"))).isNotDone();
    assertThat(service.request(B, newTag("latest"))).isNotDone();
    assertThat(service.inFlight()).isEqualTo(1);
    assertThat(service.pending(A, "1", KEY)).isTrue();
    assertThat(service.pending(B, "latest", KEY)).isTrue();
    assertThat(service.delivered(A, "1", KEY)).isEmpty();

    workers.runAll();

    assertThat(calls).hasSize(1);
    assertThat(service.inFlight()).isZero();
    ImportOutcome forA = service.delivered(A, "1", KEY).orElseThrow();
    assertThat(forA.succeeded()).isTrue();
    assertThat(forA.completedAt()).isEqualTo(T);
    assertThat(service.delivered(B, "latest", KEY)).contains(forA);
    assertThat(service.pending(A, "1", KEY)).isFalse();
    assertThat(reconciled).containsExactlyInAnyOrder(A, B);
    assertThat(observed).containsExactly(forA);
  }

  @Test
  void aRequestCompletesWithTheOutcomeDeliveredToTheTagAndCancelsWhenNobodyWaits() {
    var forA = service.request(A, newTag("1"));
    var forB = service.request(B, newTag("latest"));
    assertThat(forB).as("joins the same import").isSameAs(forA);
    workers.runAll();
    assertThat(forA).isCompletedWithValue(service.delivered(A, "1", KEY).orElseThrow());

    var abandoned = service.request(A, plan("2", Optional.of(ImportReason.REQUESTED)));
    assertThat(abandoned).isNotDone();
    service.forget(A);
    workers.runAll();
    assertThat(abandoned).isCancelled();
  }

  @Test
  void aResultIsDeliveredOnlyForTheKeyTheTagAskedFor() {
    service.request(A, newTag("1"));
    workers.runAll();
    ImportKey other =
        ImportKey.of(
            References.image("registry.example.com/team/app:2"),
            ResolveOptions.defaults(),
            false,
            "anonymous");
    assertThat(service.delivered(A, "1", other)).isEmpty();
    assertThat(service.pending(A, "1", other)).isFalse();
  }

  @Test
  void aRecentResultServesOtherTagsAtOnceWithinTheReuseWindowUnlessTheyNeedAFreshOne() {
    service.request(A, newTag("1"));
    workers.runAll();
    ImportOutcome first = service.delivered(A, "1", KEY).orElseThrow();

    clock.advance(ImportService.REUSE_WINDOW.minusSeconds(1));
    assertThat(service.request(B, plan("x", Optional.of(ImportReason.SOURCE_CHANGED))))
        .isCompletedWithValue(first);
    assertThat(service.delivered(B, "x", KEY)).contains(first);
    assertThat(service.request(B, plan("y", Optional.of(ImportReason.REQUESTED))))
        .as("fresh: asks the registry")
        .isNotDone();
    assertThat(service.inFlight()).isEqualTo(1);
    workers.runAll();
    assertThat(calls).hasSize(2);

    clock.advance(ImportService.REUSE_WINDOW.plusSeconds(1));
    assertThat(service.request(A, newTag("2"))).as("too old to reuse").isNotDone();
    workers.runAll();
    assertThat(calls).hasSize(3);
  }

  @Test
  void registryFailuresBecomeFailedOutcomesWithTheirReason() {
    registry =
        (image, access, options, cancellation) -> {
          throw RegistryException.of(ErrorKind.NOT_FOUND, "no such tag");
        };
    service.request(A, newTag("1"));
    workers.runAll();
    ImportOutcome outcome = service.delivered(A, "1", KEY).orElseThrow();
    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.failure().reason()).isEqualTo("NotFound");
    assertThat(reconciled).containsExactly(A);
  }

  @Test
  void unexpectedErrorsBecomeInternalErrors() {
    registry =
        (image, access, options, cancellation) -> {
          throw new IllegalStateException("bug");
        };
    service.request(A, newTag("1"));
    workers.runAll();
    ImportOutcome outcome = service.delivered(A, "1", KEY).orElseThrow();
    assertThat(outcome.failure().reason()).isEqualTo("InternalError");
    assertThat(outcome.failure().message()).contains("bug");
  }

  @Test
  void forgettingTheOnlyWaitingStreamCancelsItsImportAndDeliversNothing() {
    service.request(A, newTag("1"));
    service.forget(A);
    assertThat(service.inFlight()).isZero();
    assertThat(service.waitsFor(A)).isFalse();

    workers.runAll();
    assertThat(calls).singleElement().satisfies(c -> assertThat(c.isCancelled()).isTrue());
    assertThat(service.delivered(A, "1", KEY)).isEmpty();
    assertThat(reconciled).isEmpty();
    assertThat(observed).isEmpty();
  }

  @Test
  void forgettingOneOfTwoWaitingStreamsKeepsTheImportForTheOther() {
    service.request(A, newTag("1"));
    service.request(B, newTag("1"));
    service.forget(A);
    assertThat(service.inFlight()).isEqualTo(1);

    workers.runAll();
    assertThat(calls).singleElement().satisfies(c -> assertThat(c.isCancelled()).isFalse());
    assertThat(service.delivered(B, "1", KEY)).isPresent();
    assertThat(service.delivered(A, "1", KEY)).isEmpty();
    assertThat(reconciled).containsExactly(B);
  }

  @Test
  void acknowledgingTheAppliedResultClearsItButNotANewerOne() {
    service.request(A, newTag("1"));
    workers.runAll();
    ImportOutcome delivered = service.delivered(A, "1", KEY).orElseThrow();

    service.acknowledge(A, Map.of("1", ImportOutcome.success(image(IMAGE), T)));
    assertThat(service.delivered(A, "1", KEY))
        .as("an equal but different result")
        .contains(delivered);

    service.acknowledge(A, Map.of("1", delivered));
    assertThat(service.delivered(A, "1", KEY)).isEmpty();
  }

  @Test
  void scheduledResultsAreDeliveredAndRememberedForReuse() {
    ImportOutcome scheduled = ImportOutcome.success(image(IMAGE), T);
    service.deliver(new StreamTag(A, "1"), KEY, scheduled);
    assertThat(service.delivered(A, "1", KEY)).contains(scheduled);
    assertThat(reconciled).containsExactly(A);

    service.remember(KEY, scheduled);
    clock.advance(Duration.ofSeconds(5));
    assertThat(service.request(B, newTag("x"))).isCompletedWithValue(scheduled);
    assertThat(calls).isEmpty();
  }
}
