package dev.imagestreams.engine.planning;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagConditionReason;
import dev.imagestreams.api.v1.TagEventCondition;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.imports.FailedImport;
import dev.imagestreams.registry.auth.CredentialStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, for every spec tag of a stream, what its status must come from and whether it must be
 * imported now ({@link TagPlanner} plans each tag), when a failed tag is retried, and which tags
 * stay on the schedule. Pure: everything it needs is passed in, nothing is read or written.
 *
 * <p>A {@code DockerImage} tag is imported when it has no status ({@link ImportReason#NEW}), when
 * the source its status was resolved from differs from the spec ({@link
 * ImportReason#SOURCE_CHANGED}: {@code from}, {@code reference}, the effective {@code importMode},
 * {@code insecure}, the platform annotations), when the stream's import-request annotation has a
 * new value ({@link ImportReason#REQUESTED}), when a transient failure's retry time has come
 * ({@link ImportReason#RETRY}) and when a failed tag's credentials changed ({@link
 * ImportReason#CREDENTIALS_CHANGED}). Scheduled re-checks are not decided here but by the schedule.
 */
public final class ImportPlanner {
  /** Set this annotation on a stream (to any new value, e.g. a timestamp) to re-import its tags. */
  public static final String IMPORT_REQUEST_ANNOTATION = "imagestreams.dev/import-requested-at";

  private ImportPlanner() {}

  /**
   * Plans a stream.
   *
   * @param stream the stream
   * @param config the cluster configuration
   * @param credentials the pull secrets of the stream's namespace
   * @param attempts the last import attempt of each tag, by tag name
   * @param now the current time
   */
  public static StreamPlan plan(
      ImageStream stream,
      ImportConfig config,
      CredentialStore credentials,
      Map<String, FailedImport> attempts,
      Instant now) {
    ImageStreamStatus status = stream.getStatus();
    String request = pendingImportRequest(stream);
    boolean streamInsecure =
        "true".equals(stream.annotation(RegistryAccessPolicy.INSECURE_REPOSITORY_ANNOTATION));
    TagPlanner planner = new TagPlanner(config, credentials, streamInsecure, request != null, now);
    List<TagPlan> plans = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> duplicates = new LinkedHashSet<>();
    for (TagReference tag :
        stream.getSpec() == null ? List.<TagReference>of() : stream.getSpec().tagList()) {
      if (tag.name() == null || !seen.add(tag.name())) {
        if (tag.name() != null) {
          duplicates.add(tag.name());
        }
        continue;
      }
      NamedTagEventList tagStatus = status == null ? null : status.tag(tag.name()).orElse(null);
      plans.add(planner.plan(tag, tagStatus, attempts.get(tag.name())));
    }
    return new StreamPlan(plans, new ArrayList<>(duplicates), request);
  }

  /** The import-request annotation's value when it differs from the last one handled, else null. */
  public static String pendingImportRequest(ImageStream stream) {
    String value = stream.annotation(IMPORT_REQUEST_ANNOTATION);
    if (value == null || value.isEmpty()) {
      return null;
    }
    String handled =
        stream.getStatus() == null ? null : stream.getStatus().lastHandledImportRequest();
    return value.equals(handled) ? null : value;
  }

  /**
   * When a transiently failed tag is retried: at its attempt's retry time, or at once when no
   * attempt is remembered (after a restart). Empty for a failure that retrying will not fix.
   */
  static Optional<Instant> transientRetryAt(
      TagEventCondition failure, FailedImport attempt, Instant now) {
    if (!TagConditionReason.isTransient(failure.reason())) {
      return Optional.empty();
    }
    return Optional.of(attempt == null ? now : attempt.retryAt());
  }

  /**
   * The earliest retry of a transiently failed tag once {@code status} is written and {@code
   * attempts} hold this reconciliation's outcomes: when the stream must be reconciled again, since
   * nothing else will wake it (its own status writes do not). Computed after the outcomes are
   * recorded, never from the plan made before them.
   */
  public static Optional<Instant> nextRetry(
      StreamPlan plan, ImageStreamStatus status, Map<String, FailedImport> attempts, Instant now) {
    Optional<Instant> earliest = Optional.empty();
    for (TagPlan.Import imp : plan.imports()) {
      NamedTagEventList tag = status == null ? null : status.tag(imp.tag()).orElse(null);
      if (tag == null
          || !imp.observed().equals(tag.observedSource())
          || tag.importCondition().isEmpty()) {
        continue;
      }
      FailedImport attempt = attempts.get(imp.tag());
      if (attempt != null && !attempt.key().equals(imp.key())) {
        continue; // a new key is imported by the change that made it
      }
      Optional<Instant> at = transientRetryAt(tag.importCondition().get(), attempt, now);
      if (at.isPresent() && (earliest.isEmpty() || at.get().isBefore(earliest.get()))) {
        earliest = at;
      }
    }
    return earliest;
  }

  /**
   * The tags to keep on the schedule once {@code status} is written: scheduled {@code DockerImage}
   * tags whose status reflects their current spec (a tag joins once imported), except digest-pinned
   * tags that imported successfully (they are checked once).
   */
  public static List<TagPlan.Import> scheduledTags(StreamPlan plan, ImageStreamStatus status) {
    List<TagPlan.Import> out = new ArrayList<>();
    for (TagPlan.Import imp : plan.imports()) {
      if (!imp.scheduled()) {
        continue;
      }
      NamedTagEventList tag = status == null ? null : status.tag(imp.tag()).orElse(null);
      if (tag == null || !imp.observed().equals(tag.observedSource())) {
        continue;
      }
      boolean pinnedAndImported =
          imp.image().digest() != null
              && tag.importCondition().isEmpty()
              && tag.current().isPresent();
      if (!pinnedAndImported) {
        out.add(imp);
      }
    }
    return out;
  }
}
