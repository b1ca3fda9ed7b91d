package dev.imagestreams.engine.imports;

import dev.imagestreams.api.v1.TagConditionReason;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import java.time.Duration;
import java.util.Optional;

/**
 * Why a tag could not be imported, as it goes into its {@code ImportSuccess} condition.
 *
 * @param reason the condition reason as written in the status ({@link TagConditionReason#wire()}),
 *     e.g. {@code NotFound}
 * @param message the condition message
 * @param retryAfter how long the registry asked us to wait, if it did
 */
public record ImportFailure(String reason, String message, Optional<Duration> retryAfter) {

  /** A reason of this operator's own (reference resolution, policy). */
  public static ImportFailure permanent(TagConditionReason reason, String message) {
    return permanent(reason.wire(), message);
  }

  /** A reason of this operator's own, by its status string. */
  public static ImportFailure permanent(String reason, String message) {
    return new ImportFailure(reason, message, Optional.empty());
  }

  /** The failure for a registry error. */
  public static ImportFailure from(RegistryException e) {
    return new ImportFailure(
        reasonOf(e.kind()).wire(), e.getMessage(), e.rateLimit().suggestedBackoff());
  }

  /** The failure for an unparsable reference. */
  public static ImportFailure invalidReference(String message) {
    return permanent(TagConditionReason.INVALID_REFERENCE, message);
  }

  /** The condition reason for a kind of registry failure: the one place the two meet. */
  public static TagConditionReason reasonOf(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REFERENCE -> TagConditionReason.INVALID_REFERENCE;
      case NOT_FOUND -> TagConditionReason.NOT_FOUND;
      case UNAUTHORIZED -> TagConditionReason.UNAUTHORIZED;
      case FORBIDDEN -> TagConditionReason.FORBIDDEN;
      case RATE_LIMITED -> TagConditionReason.RATE_LIMITED;
      case UNAVAILABLE -> TagConditionReason.UNAVAILABLE;
      case BAD_REQUEST -> TagConditionReason.BAD_REQUEST;
      case INVALID_MANIFEST -> TagConditionReason.INVALID_MANIFEST;
      case DIGEST_MISMATCH -> TagConditionReason.DIGEST_MISMATCH;
      case UNSUPPORTED -> TagConditionReason.UNSUPPORTED;
      case CANCELLED -> TagConditionReason.CANCELLED;
    };
  }
}
