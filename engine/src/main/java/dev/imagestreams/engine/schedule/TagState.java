package dev.imagestreams.engine.schedule;

import dev.imagestreams.engine.status.TagHistory;

/**
 * What a tag's status currently says, as far as a scheduled check is concerned.
 *
 * @param sourceDigest the digest its source pointed at when last checked, or null
 * @param failureReason the reason of its import failure, or null
 * @param failureMessage the message of its import failure, or null
 */
public record TagState(String sourceDigest, String failureReason, String failureMessage) {

  /** Whether a check that found {@code digest} has news for this tag. */
  public boolean changedBy(String digest) {
    return failureReason != null || digest == null || !digest.equals(sourceDigest);
  }

  /** Whether a check that failed this way has news for this tag. */
  public boolean changedByFailure(String reason, String message) {
    return failureReason == null
        || !TagHistory.repeatsFailure(failureReason, failureMessage, reason, message);
  }
}
