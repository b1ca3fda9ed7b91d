package dev.imagestreams.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.config.RegistryLimits;
import dev.imagestreams.engine.importer.ImportListener;
import dev.imagestreams.engine.importer.ImportService;
import dev.imagestreams.engine.importer.RegistryLanes;
import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.engine.imports.ImportOutcome;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.imports.StreamTag;
import dev.imagestreams.engine.testing.Configs;
import dev.imagestreams.engine.testing.LogCapture;
import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.ImportMode;
import dev.imagestreams.registry.ManifestHead;
import dev.imagestreams.registry.RegistryClient;
import dev.imagestreams.registry.ResolvedImage;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RateLimitInfo;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.reference.ImageReference;
import dev.imagestreams.registry.testing.References;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A scheduled check delivers news to exactly the tags it changes, at the cost of one HEAD when
 * nothing changed, and never fails silently: what is not an expected refusal is logged. The clock
 * stands still; the registry is a fake.
 */
class ScheduledCheckTest {
  private static final ImportKey KEY =
      new ImportKey(
          "registry.example.com/team/app:1",
          "registry.example.com",
          ImportMode.LEGACY,
          List.of(),
          false,
          "anonymous");
  private static final StreamTag TAG = new StreamTag(new StreamId("ns", "app"), "1");

  private final ExecutorService workers = Executors.newSingleThreadExecutor();
  private static final StreamTag BEHIND = new StreamTag(new StreamId("ns", "web"), "latest");
  private static final String OLD = "sha256:" + "1".repeat(64);
  private static final String NEW = "sha256:" + "2".repeat(64);

  private final Clock clock =
      Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), java.time.ZoneOffset.UTC);
  private final List<StreamId> reconciled = new ArrayList<>();
  private final List<ImportOutcome> observed = new ArrayList<>();
  private final List<String> calls = new ArrayList<>();
  private final Set<String> knownDigests = new java.util.HashSet<>();
  private ScheduledImportCap cap = uncapped();

  private ScheduledImportCap uncapped() {
    return new ScheduledImportCap(
        Configs.schedule(Duration.ofMinutes(15), -1, false), clock.instant());
  }

  /** A cap of one scheduled import a minute, already spent. */
  private ScheduledImportCap spentCap() {
    ScheduledImportCap spent =
        new ScheduledImportCap(Configs.schedule(Duration.ofMinutes(15), 1, false), clock.instant());
    assertThat(spent.admit(clock.instant())).isEmpty();
    return spent;
  }

  private final RegistryLanes lanes =
      new RegistryLanes(
          workers,
          clock,
          host -> RegistryLimits.DEFAULT,
          dev.imagestreams.engine.importer.RetryBackoffs.DEFAULT.hostOutages(),
          () -> java.time.Duration.ofMinutes(15));

  @AfterEach
  void stop() {
    workers.shutdownNow();
  }

  private ScheduleQueue.Entry entry() {
    ScheduleQueue queue = new ScheduleQueue(Duration.ofMinutes(15));
    queue.subscribe(
        TAG, KEY, References.image(KEY.reference()), Access.anonymous(), clock.instant());
    return queue.entry(KEY).orElseThrow();
  }

  /** A registry whose tag points at {@code digest}, or that fails with {@code failure}. */
  private ScheduledCheck.Registry registry(String digest, RegistryException failure) {
    return new ScheduledCheck.Registry() {
      @Override
      public ManifestHead head(ImageReference image, Access access) throws RegistryException {
        calls.add("HEAD " + image);
        if (failure != null) {
          throw failure;
        }
        return new ManifestHead(
            References.digest(digest),
            "application/vnd.oci.image.manifest.v1+json",
            100,
            RateLimitInfo.NONE);
      }

      @Override
      public ResolvedImage resolve(
          ImageReference image,
          ManifestHead head,
          Access access,
          dev.imagestreams.registry.ResolveOptions options) {
        calls.add("GET " + image);
        return new ResolvedImage(
            image, head.digest(), head.digest(), null, 0, List.of(), 0, null, List.of(), null);
      }

      @Override
      public boolean knows(
          ImageReference image,
          ManifestHead head,
          dev.imagestreams.registry.ResolveOptions options) {
        return knownDigests.contains(head.digest().toString());
      }
    };
  }

  private ImportService imports() {
    return new ImportService(
        () -> {
          throw new AssertionError("scheduled checks import through their own registry calls");
        },
        lanes,
        clock,
        ImportListener.NONE,
        reconciled::add);
  }

  private ScheduledCheck check(
      ScheduledCheck.Registry registry, ImportService imports, Map<StreamTag, TagState> states) {
    return new ScheduledCheck(
        onFirstRequest -> registry,
        lanes,
        imports,
        cap,
        tag -> Optional.ofNullable(states.get(tag)),
        (key, outcome, duration, scheduled) -> observed.add(outcome),
        ImportScheduler.Listener.NONE,
        clock);
  }

  @Test
  void anUnchangedReferenceCostsOneHeadAndDeliversNothing() {
    ImportService imports = imports();
    check(registry(OLD, null), imports, Map.of(TAG, new TagState(OLD, null, null)))
        .run(entry(), Set.of(TAG), clock.instant())
        .join();
    assertThat(calls).containsExactly("HEAD registry.example.com/team/app:1");
    assertThat(reconciled).isEmpty();
    assertThat(observed)
        .as("reported as a check that found nothing new")
        .containsExactly((ImportOutcome) null);
  }

  @Test
  void itsLagRunsFromTheDueTimeToItsFirstRequestOnTheWire() {
    List<Duration> lags = new ArrayList<>();
    ScheduledCheck.Registry registry = registry(OLD, null);
    ScheduledCheck check =
        new ScheduledCheck(
            onFirstRequest ->
                new ScheduledCheck.Registry() {
                  @Override
                  public ManifestHead head(ImageReference image, Access access)
                      throws RegistryException {
                    assertThat(lags).as("measured when the request goes out").isEmpty();
                    onFirstRequest.run();
                    return registry.head(image, access);
                  }

                  @Override
                  public ResolvedImage resolve(
                      ImageReference image,
                      ManifestHead head,
                      Access access,
                      dev.imagestreams.registry.ResolveOptions options)
                      throws RegistryException {
                    return registry.resolve(image, head, access, options);
                  }

                  @Override
                  public boolean knows(
                      ImageReference image,
                      ManifestHead head,
                      dev.imagestreams.registry.ResolveOptions options) {
                    return registry.knows(image, head, options);
                  }
                },
            lanes,
            imports(),
            cap,
            tag -> Optional.of(new TagState(OLD, null, null)),
            ImportListener.NONE,
            new ImportScheduler.Listener() {
              @Override
              public void started(ImportKey key, Duration lag) {
                lags.add(lag);
              }
            },
            clock);

    check.run(entry(), Set.of(TAG), clock.instant().minusSeconds(7)).join();

    assertThat(lags).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void aNewDigestIsResolvedOnceAndDeliveredToTheTagsThatDoNotHoldItYet() {
    ImportService imports = imports();
    Map<StreamTag, TagState> states =
        Map.of(TAG, new TagState(NEW, null, null), BEHIND, new TagState(OLD, null, null));
    check(registry(NEW, null), imports, states)
        .run(entry(), Set.of(TAG, BEHIND), clock.instant())
        .join();

    assertThat(calls)
        .containsExactly(
            "HEAD registry.example.com/team/app:1", "GET registry.example.com/team/app:1");
    assertThat(reconciled).containsExactly(BEHIND.stream());
    ImportOutcome delivered = imports.delivered(BEHIND.stream(), BEHIND.tag(), KEY).orElseThrow();
    assertThat(delivered.image().sourceDigest()).hasToString(NEW);
    assertThat(imports.delivered(TAG.stream(), TAG.tag(), KEY)).isEmpty();
    assertThat(observed).containsExactly(delivered);
  }

  @Test
  void aNewDigestBeyondTheCapIsNotDownloadedAndIsCheckedAgainWhenTheCapAllows() {
    cap = spentCap();
    ImportService imports = imports();
    Optional<Instant> again =
        check(registry(NEW, null), imports, Map.of(BEHIND, new TagState(OLD, null, null)))
            .run(entry(), Set.of(BEHIND), clock.instant())
            .join();

    assertThat(calls).containsExactly("HEAD registry.example.com/team/app:1");
    assertThat(again).contains(clock.instant().plusSeconds(60));
    assertThat(reconciled).as("nothing delivered yet").isEmpty();
    assertThat(observed).isEmpty();
  }

  @Test
  void theCapCountsDownloadsOnlyNotChecksNorDigestsAlreadyResolved() {
    cap = spentCap();
    ImportService imports = imports();
    assertThat(
            check(registry(OLD, null), imports, Map.of(TAG, new TagState(OLD, null, null)))
                .run(entry(), Set.of(TAG), clock.instant())
                .join())
        .as("an unchanged tag is checked whatever the cap")
        .isEmpty();
    knownDigests.add(NEW);
    assertThat(
            check(registry(NEW, null), imports, Map.of(BEHIND, new TagState(OLD, null, null)))
                .run(entry(), Set.of(BEHIND), clock.instant())
                .join())
        .as("a digest resolved already needs no download")
        .isEmpty();
    assertThat(reconciled).containsExactly(BEHIND.stream());
  }

  @Test
  void aFailureIsDeliveredToTagsNotShowingItAlreadyAndTheRegistryBacksOff() {
    ImportService imports = imports();
    Map<StreamTag, TagState> states =
        Map.of(
            TAG,
            new TagState(OLD, "Unavailable", "registry down"),
            BEHIND,
            new TagState(OLD, null, null));
    check(
            registry(null, RegistryException.of(ErrorKind.UNAVAILABLE, "registry down")),
            imports,
            states)
        .run(entry(), Set.of(TAG, BEHIND), clock.instant())
        .join();

    assertThat(reconciled).containsExactly(BEHIND.stream());
    assertThat(imports.delivered(BEHIND.stream(), BEHIND.tag(), KEY))
        .hasValueSatisfying(
            outcome -> {
              assertThat(outcome.succeeded()).isFalse();
              assertThat(outcome.failure().reason()).isEqualTo("Unavailable");
            });
    assertThat(imports.delivered(TAG.stream(), TAG.tag(), KEY)).isEmpty();
    assertThat(lanes.backoffUntil(KEY.registry())).isPresent();
  }

  private ScheduledCheck check(Supplier<RegistryClient> client) {
    return new ScheduledCheck(
        client,
        lanes,
        null,
        cap,
        tag -> Optional.empty(),
        ImportListener.NONE,
        ImportScheduler.Listener.NONE,
        clock);
  }

  @Test
  void anUnexpectedFailureIsLoggedWithTheReferenceAndTheException() {
    ScheduledCheck check =
        check(
            () -> {
              throw new IllegalStateException("no registry client");
            });
    try (LogCapture log = LogCapture.of(ScheduledCheck.class)) {
      check.run(entry(), Set.of(TAG), clock.instant()).join();
      assertThat(log.lines())
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.level()).isEqualTo("ERROR");
                assertThat(line.message())
                    .isEqualTo(
                        "scheduled check of registry.example.com/team/app:1 failed unexpectedly; it is checked again on its next turn");
                assertThat(line.thrown())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("no registry client");
              });
    }
  }

  @Test
  void aRegistryThatIsBackingOffIsAnExpectedRefusalAndLogsNothing() {
    lanes
        .submit(
            KEY.registry(),
            RegistryLanes.Priority.SCHEDULED,
            () -> {
              throw RegistryException.of(ErrorKind.UNAVAILABLE, "registry down");
            })
        .handle((v, e) -> null)
        .join();
    assertThat(lanes.backoffUntil(KEY.registry())).as("the lane backs off").isPresent();
    ScheduledCheck check =
        check(
            () -> {
              throw new AssertionError("a backing-off registry is not contacted");
            });
    try (LogCapture log = LogCapture.of(ScheduledCheck.class)) {
      check.run(entry(), Set.of(TAG), clock.instant()).join();
      assertThat(log.lines()).isEmpty();
    }
  }
}
