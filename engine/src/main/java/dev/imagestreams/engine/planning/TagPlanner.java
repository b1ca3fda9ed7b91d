package dev.imagestreams.engine.planning;

import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.ObservedTagSource;
import dev.imagestreams.api.v1.TagConditionReason;
import dev.imagestreams.api.v1.TagEventCondition;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.imports.FailedImport;
import dev.imagestreams.engine.imports.ImportFailure;
import dev.imagestreams.engine.imports.ImportKey;
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
import java.util.List;
import java.util.Optional;

/**
 * Plans one spec tag of a stream, within what holds for the whole stream: the cluster
 * configuration, the namespace's pull secrets, the stream's insecure annotation, whether an import
 * was requested, and the time. See {@link ImportPlanner} for when a tag is imported.
 */
final class TagPlanner {
  private final ImportConfig config;
  private final CredentialStore credentials;
  private final boolean streamInsecure;
  private final boolean requested;
  private final Instant now;

  /**
   * @param config the cluster configuration
   * @param credentials the pull secrets of the stream's namespace
   * @param streamInsecure whether the stream's annotation makes every tag insecure
   * @param requested whether the stream's import-request annotation has a new value
   * @param now the current time
   */
  TagPlanner(
      ImportConfig config,
      CredentialStore credentials,
      boolean streamInsecure,
      boolean requested,
      Instant now) {
    this.config = config;
    this.credentials = credentials;
    this.streamInsecure = streamInsecure;
    this.requested = requested;
    this.now = now;
  }

  /**
   * The tag's plan.
   *
   * @param tag the spec tag
   * @param tagStatus its status, or null
   * @param attempt its last failed import attempt, or null
   */
  TagPlan plan(TagReference tag, NamedTagEventList tagStatus, FailedImport attempt) {
    TagSource from = tag.from();
    if (from == null || from.name() == null || from.name().isEmpty()) {
      return new TagPlan.Reject(
          tag.name(), ImportFailure.invalidReference(withoutSource(from)), null);
    }
    ImportMode mode = effectiveMode(tag, config);
    ObservedTagSource observed = observed(tag, mode);
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
    observed = effectiveInsecure(observed, insecure);
    RegistryCredentials secret = credentials.lookup(image).orElse(null);
    Access access = new Access(secret, insecure);
    ImportKey key =
        ImportKey.of(
            image,
            new ResolveOptions(mode, platforms(tag, config)),
            insecure,
            access.credentialsFingerprint());
    Decision decision = decide(tagStatus, observed, key, attempt);
    return new TagPlan.Import(
        tag.name(),
        image,
        key,
        access,
        observed,
        tag.scheduledImport(),
        decision.reason(),
        decision.retryAt());
  }

  /**
   * Whether an import is due now, and why; if not, when a transient failure is retried.
   *
   * @param reason why the tag is imported now; empty when it is not
   * @param retryAt when a transiently failed tag is retried, if it is not now
   */
  private record Decision(Optional<ImportReason> reason, Optional<Instant> retryAt) {
    static Decision now(ImportReason reason) {
      return new Decision(Optional.of(reason), Optional.empty());
    }
  }

  private Decision decide(
      NamedTagEventList tagStatus,
      ObservedTagSource observed,
      ImportKey key,
      FailedImport attempt) {
    if (tagStatus == null || tagStatus.observedSource() == null) {
      return Decision.now(ImportReason.NEW);
    }
    if (!observed.equals(tagStatus.observedSource())) {
      return Decision.now(ImportReason.SOURCE_CHANGED);
    }
    if (requested) {
      return Decision.now(ImportReason.REQUESTED);
    }
    Optional<TagEventCondition> failure = tagStatus.importCondition();
    if (failure.isEmpty()) {
      return new Decision(Optional.empty(), Optional.empty());
    }
    if (attempt != null && !attempt.key().equals(key)) {
      return Decision.now(ImportReason.CREDENTIALS_CHANGED);
    }
    Optional<Instant> at = ImportPlanner.transientRetryAt(failure.get(), attempt, now);
    return at.isPresent() && !now.isBefore(at.get())
        ? Decision.now(ImportReason.RETRY)
        : new Decision(Optional.empty(), at);
  }

  /** The source the tag's status will reflect. */
  private static ObservedTagSource observed(TagReference tag, ImportMode mode) {
    TagSource from = tag.from();
    return new ObservedTagSource(
        from.kind(),
        from.name(),
        emptyToNull(from.namespace()),
        tag.referenceOnly() ? Boolean.TRUE : null,
        from.isDockerImage() && !tag.referenceOnly() ? mode.value() : null,
        tag.insecureImport() ? Boolean.TRUE : null,
        emptyToNull(tag.annotation(TagReference.PREFER_ARCH_ANNOTATION)),
        emptyToNull(tag.annotation(TagReference.PREFER_OS_ANNOTATION)));
  }

  /**
   * The observed source with the access the import uses: insecure when the tag, the stream's
   * annotation or the cluster's {@code insecureRegistries} allow it, so that whoever reads the
   * image again (the plugin) reaches the registry as the import did.
   */
  private static ObservedTagSource effectiveInsecure(ObservedTagSource o, boolean insecure) {
    return new ObservedTagSource(
        o.kind(),
        o.name(),
        o.namespace(),
        o.reference(),
        o.importMode(),
        insecure ? Boolean.TRUE : null,
        o.preferArch(),
        o.preferOs());
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

  /** The tag's import mode, or the cluster default when the tag does not set one. */
  private static ImportMode effectiveMode(TagReference tag, ImportConfig config) {
    try {
      return ImportMode.fromValue(tag.importMode(), config.imageStreamImportMode());
    } catch (IllegalArgumentException e) {
      return config.imageStreamImportMode(); // the CRD schema rejects other values
    }
  }

  /**
   * Legacy platform preferences: the tag's annotations, then the configured default (the registry
   * library falls back to linux/amd64 after them).
   */
  private static List<PlatformPreference> platforms(TagReference tag, ImportConfig config) {
    List<PlatformPreference> preferences = new ArrayList<>();
    PlatformPreference annotated =
        new PlatformPreference(
            tag.annotation(TagReference.PREFER_OS_ANNOTATION),
            tag.annotation(TagReference.PREFER_ARCH_ANNOTATION),
            null);
    if (!annotated.isEmpty()) {
      preferences.add(annotated);
    }
    config.preferredPlatform().map(PlatformPreference::of).ifPresent(preferences::add);
    return preferences;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
