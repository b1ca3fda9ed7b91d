package dev.imagestreams.operator.planning;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.ObservedTagSource;
import dev.imagestreams.api.v1.TagConditionReason;
import dev.imagestreams.api.v1.TagEventCondition;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.operator.config.ImportConfig;
import dev.imagestreams.operator.imports.FailedImport;
import dev.imagestreams.operator.imports.ImportFailure;
import dev.imagestreams.operator.imports.ImportKey;
import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.ImportMode;
import dev.imagestreams.registry.ResolveOptions;
import dev.imagestreams.registry.auth.CredentialStore;
import dev.imagestreams.registry.auth.RegistryCredentials;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.manifest.PlatformPreference;
import dev.imagestreams.registry.reference.ImageReference;
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
 * imported now. Pure: everything it needs is passed in, nothing is read or written.
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
      plans.add(
          planTag(
              tag,
              tagStatus,
              config,
              credentials,
              streamInsecure,
              request != null,
              attempts.get(tag.name()),
              now));
    }
    return new StreamPlan(plans, new ArrayList<>(duplicates), request);
  }

  /**
   * Why a tag without a usable source has no image: no {@code from} (a push target in OpenShift;
   * nothing pushes to this operator), or an empty {@code from.name} (OpenShift and the CRD refuse
   * it, but a stream stored before the CRD did can hold one). The tag gets a condition saying so
   * rather than silently no status.
   */
  private static String withoutSource(TagSource from) {
    if (from == null) {
      return "the tag has no from: set from.kind and from.name to the image or tag it points to";
    }
    String needs =
        switch (from.kind() == null ? "" : from.kind()) {
          case TagSource.DOCKER_IMAGE ->
              ": a DockerImage tag needs an image reference such as registry.example.com/team/app:1";
          case TagSource.IMAGE_STREAM_TAG -> ": an ImageStreamTag tag needs [stream:]tag";
          case TagSource.IMAGE_STREAM_IMAGE -> ": an ImageStreamImage tag needs stream@digest";
          default -> "";
        };
    return "from.name is empty" + needs;
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

  private static TagPlan planTag(
      TagReference tag,
      NamedTagEventList tagStatus,
      ImportConfig config,
      CredentialStore credentials,
      boolean streamInsecure,
      boolean requested,
      FailedImport attempt,
      Instant now) {
    TagSource from = tag.from();
    if (from == null || from.name() == null || from.name().isEmpty()) {
      return new TagPlan.Reject(
          tag.name(), ImportFailure.invalidReference(withoutSource(from)), null);
    }
    ImportMode mode = effectiveMode(tag, config);
    ObservedTagSource observed =
        new ObservedTagSource(
            from.kind(),
            from.name(),
            emptyToNull(from.namespace()),
            tag.referenceOnly() ? Boolean.TRUE : null,
            from.isDockerImage() && !tag.referenceOnly() ? mode.value() : null,
            tag.insecureImport() ? Boolean.TRUE : null,
            emptyToNull(tag.annotation(TagReference.PREFER_ARCH_ANNOTATION)),
            emptyToNull(tag.annotation(TagReference.PREFER_OS_ANNOTATION)));
    if (!from.isDockerImage()) {
      return new TagPlan.Track(tag.name(), from, observed);
    }
    if (tag.referenceOnly()) {
      return new TagPlan.Record(tag.name(), from.name(), observed);
    }
    ImageReference image;
    try {
      image = ImageReference.parse(from.name());
    } catch (RegistryException e) {
      return new TagPlan.Reject(tag.name(), ImportFailure.from(e), observed);
    }
    Optional<String> refusal = RegistryAccessPolicy.refusal(image, config);
    if (refusal.isPresent()) {
      return new TagPlan.Reject(
          tag.name(),
          ImportFailure.permanent(TagConditionReason.FORBIDDEN, refusal.get()),
          observed);
    }
    boolean insecure =
        RegistryAccessPolicy.insecure(image, tag.insecureImport(), streamInsecure, config);
    RegistryCredentials secret = credentials.lookup(image).orElse(null);
    Access access = new Access(secret, insecure);
    ImportKey key =
        ImportKey.of(
            image,
            new ResolveOptions(mode, platforms(tag, config)),
            insecure,
            access.credentialsFingerprint());

    boolean current = tagStatus != null && observed.equals(tagStatus.observedSource());
    Optional<TagEventCondition> failure =
        tagStatus == null ? Optional.empty() : tagStatus.importCondition();
    Optional<ImportReason> reason = Optional.empty();
    Optional<Instant> retryAt = Optional.empty();
    if (tagStatus == null || tagStatus.observedSource() == null) {
      reason = Optional.of(ImportReason.NEW);
    } else if (!current) {
      reason = Optional.of(ImportReason.SOURCE_CHANGED);
    } else if (requested) {
      reason = Optional.of(ImportReason.REQUESTED);
    } else if (failure.isPresent()) {
      if (attempt != null && !attempt.key().equals(key)) {
        reason = Optional.of(ImportReason.CREDENTIALS_CHANGED);
      } else {
        Optional<Instant> at = transientRetryAt(failure.get(), attempt, now);
        if (at.isPresent() && !now.isBefore(at.get())) {
          reason = Optional.of(ImportReason.RETRY);
        } else {
          retryAt = at;
        }
      }
    }
    return new TagPlan.Import(
        tag.name(), image, key, access, observed, tag.scheduledImport(), reason, retryAt);
  }

  /**
   * When a transiently failed tag is retried: at its attempt's retry time, or at once when no
   * attempt is remembered (after a restart). Empty for a failure that retrying will not fix.
   */
  private static Optional<Instant> transientRetryAt(
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

  /** The tag's import mode, or the cluster default when the tag does not set one. */
  static ImportMode effectiveMode(TagReference tag, ImportConfig config) {
    try {
      return ImportMode.fromValue(tag.importMode(), config.importMode());
    } catch (IllegalArgumentException e) {
      return config.importMode(); // the CRD schema rejects other values
    }
  }

  /**
   * Legacy platform preferences: the tag's annotations, then the configured default (the registry
   * library falls back to linux/amd64 after them).
   */
  static List<PlatformPreference> platforms(TagReference tag, ImportConfig config) {
    List<PlatformPreference> preferences = new ArrayList<>();
    PlatformPreference annotated =
        new PlatformPreference(
            tag.annotation(TagReference.PREFER_OS_ANNOTATION),
            tag.annotation(TagReference.PREFER_ARCH_ANNOTATION),
            null);
    if (!annotated.isEmpty()) {
      preferences.add(annotated);
    }
    config.defaultPlatform().map(PlatformPreference::of).ifPresent(preferences::add);
    return preferences;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
