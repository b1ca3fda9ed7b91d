package dev.imagestreams.engine.planning;

import dev.imagestreams.api.v1.ObservedTagSource;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.engine.imports.ImportFailure;
import dev.imagestreams.engine.imports.ImportKey;
import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.reference.ImageReference;
import java.time.Instant;
import java.util.Optional;

/** What to do with one spec tag in this reconciliation. */
public sealed interface TagPlan {
  /** The tag name. */
  String tag();

  /**
   * The source this plan resolves, recorded in the status as {@code observedSource}; null for none.
   */
  ObservedTagSource observed();

  /**
   * {@code reference: true} with a {@code DockerImage}: record the pull spec, never contact a
   * registry.
   */
  record Record(String tag, String pullSpec, ObservedTagSource observed) implements TagPlan {}

  /**
   * A {@code DockerImage} tag whose status comes from a registry.
   *
   * @param tag the tag
   * @param image the parsed reference
   * @param key the import key (shared between all tags asking the same thing)
   * @param access credentials and insecure flag
   * @param observed the source to record
   * @param scheduled whether the tag asks for the cluster-wide schedule ({@link
   *     ImportPlanner#scheduledTags} decides membership)
   * @param reason why it must be imported now, empty when its status is current
   * @param retryAt when a transiently failed import is retried, if it waits for that
   */
  record Import(
      String tag,
      ImageReference image,
      ImportKey key,
      Access access,
      ObservedTagSource observed,
      boolean scheduled,
      Optional<ImportReason> reason,
      Optional<Instant> retryAt)
      implements TagPlan {

    /** Whether the import must not reuse a result obtained before this reconciliation. */
    public boolean fresh() {
      return reason.isPresent()
          && reason.get() != ImportReason.NEW
          && reason.get() != ImportReason.SOURCE_CHANGED;
    }
  }

  /** An {@code ImageStreamTag} or {@code ImageStreamImage} tag: follows another tag. */
  record Track(String tag, TagSource source, ObservedTagSource observed) implements TagPlan {}

  /**
   * A tag that cannot be imported as written (no source, invalid reference, registry not allowed).
   * {@code observed} is null for a tag without a source.
   */
  record Reject(String tag, ImportFailure failure, ObservedTagSource observed) implements TagPlan {}
}
