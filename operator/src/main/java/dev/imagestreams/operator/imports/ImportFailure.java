package dev.imagestreams.operator.imports;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import java.time.Duration;
import java.util.Optional;

/**
 * Why a tag could not be imported, as it goes into its {@code ImportSuccess} condition.
 *
 * @param reason the condition reason, e.g. {@code NotFound}
 * @param message the condition message
 * @param retryAfter how long the registry asked us to wait, if it did
 */
public record ImportFailure(String reason, String message, Optional<Duration> retryAfter) {

  /** A reason of this operator's own (reference resolution, policy). */
  public static ImportFailure permanent(String reason, String message) {
    return new ImportFailure(reason, message, Optional.empty());
  }

  /** The failure for a registry error. */
  public static ImportFailure from(RegistryException e) {
    return new ImportFailure(e.kind().reason(), e.getMessage(), e.rateLimit().suggestedBackoff());
  }

  /** The failure for an unparsable reference. */
  public static ImportFailure invalidReference(String message) {
    return permanent(ErrorKind.INVALID_REFERENCE.reason(), message);
  }
}
