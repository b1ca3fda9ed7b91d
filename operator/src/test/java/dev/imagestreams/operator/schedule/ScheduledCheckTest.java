package dev.imagestreams.operator.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.operator.config.RegistryLimits;
import dev.imagestreams.operator.importer.ImportListener;
import dev.imagestreams.operator.importer.RegistryLanes;
import dev.imagestreams.operator.imports.StreamTag;
import dev.imagestreams.operator.imports.ImportKey;
import dev.imagestreams.operator.testing.LogCapture;
import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.ImportMode;
import dev.imagestreams.registry.RegistryClient;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.reference.ImageReference;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A scheduled check never fails silently: what is not an expected refusal is logged. */
class ScheduledCheckTest {
  private static final ImportKey KEY =
      new ImportKey("registry.example.com/team/app:1", "registry.example.com", ImportMode.LEGACY, List.of(), false, "anonymous");
  private static final StreamTag TAG = new StreamTag(new ResourceID("app", "ns"), "1");

  private final ExecutorService workers = Executors.newSingleThreadExecutor();
  private final Clock clock = Clock.systemUTC();
  private final RegistryLanes lanes = new RegistryLanes(workers, clock, host -> RegistryLimits.DEFAULT, dev.imagestreams.operator.importer.RetryBackoffs.DEFAULT.hostOutages());

  @AfterEach
  void stop() {
    workers.shutdownNow();
  }

  private ScheduleQueue.Entry entry() {
    ScheduleQueue queue = new ScheduleQueue(Duration.ofMinutes(15));
    queue.subscribe(TAG, KEY, ImageReference.parse(KEY.reference()), Access.anonymous(), clock.instant());
    return queue.entry(KEY).orElseThrow();
  }

  private ScheduledCheck check(Supplier<RegistryClient> client) {
    return new ScheduledCheck(client, lanes, null, tag -> Optional.empty(), ImportListener.NONE, clock);
  }

  @Test
  void anUnexpectedFailureIsLoggedWithTheReferenceAndTheException() {
    ScheduledCheck check = check(() -> {
      throw new IllegalStateException("no registry client");
    });
    try (LogCapture log = LogCapture.of(ScheduledCheck.class)) {
      check.run(entry(), Set.of(TAG)).join();
      assertThat(log.lines()).singleElement().satisfies(line -> {
        assertThat(line.level()).isEqualTo("ERROR");
        assertThat(line.message()).isEqualTo(
            "scheduled check of registry.example.com/team/app:1 failed unexpectedly; it is checked again on its next turn");
        assertThat(line.thrown()).isInstanceOf(IllegalStateException.class).hasMessage("no registry client");
      });
    }
  }

  @Test
  void aRegistryThatIsBackingOffIsAnExpectedRefusalAndLogsNothing() {
    lanes.submit(KEY.registry(), RegistryLanes.Priority.SCHEDULED, () -> {
      throw RegistryException.of(ErrorKind.UNAVAILABLE, "registry down");
    }).handle((v, e) -> null).join();
    assertThat(lanes.backoffUntil(KEY.registry())).as("the lane backs off").isPresent();
    ScheduledCheck check = check(() -> {
      throw new AssertionError("a backing-off registry is not contacted");
    });
    try (LogCapture log = LogCapture.of(ScheduledCheck.class)) {
      check.run(entry(), Set.of(TAG)).join();
      assertThat(log.lines()).isEmpty();
    }
  }
}
