package dev.imagestreams.registry.error;

/**
 * Why a registry operation failed. Each kind maps to one {@code ImportSuccess} condition reason in
 * the operator (its {@code ImportFailure.reasonOf}, onto the api's {@code TagConditionReason});
 * {@link #reason()} is that reason's string, for this module's own messages.
 */
public enum ErrorKind {
  /** The image reference or digest does not parse. */
  INVALID_REFERENCE("InvalidReference", false),
  /** The repository or the manifest does not exist (NAME_UNKNOWN, MANIFEST_UNKNOWN, 404). */
  NOT_FOUND("NotFound", false),
  /** The registry wants credentials, or rejected those given (401). */
  UNAUTHORIZED("Unauthorized", false),
  /** Access was denied (403), or the registry or an address it sent us to is blocked. */
  FORBIDDEN("Forbidden", false),
  /** The registry asked us to slow down (429); see {@link RegistryException#retryAfter()}. */
  RATE_LIMITED("RateLimited", true),
  /** The registry failed (5xx), did not answer in time, or the connection failed. */
  UNAVAILABLE("Unavailable", true),
  /** The request cannot work as configured, e.g. an HTTP-only registry without {@code insecure}. */
  BAD_REQUEST("BadRequest", false),
  /** The registry sent a manifest or config that is malformed, truncated or too large. */
  INVALID_MANIFEST("InvalidManifest", false),
  /** Content did not hash to the digest it was requested by or announced with. */
  DIGEST_MISMATCH("DigestMismatch", false),
  /** The manifest is of a type this engine does not import (Docker schema 1, artifacts). */
  UNSUPPORTED("Unsupported", false),
  /**
   * Nobody wants the import any more (see {@link dev.imagestreams.registry.http.Cancellation});
   * never shown on a tag.
   */
  CANCELLED("Cancelled", false);

  private final String reason;
  private final boolean transientFailure;

  ErrorKind(String reason, boolean transientFailure) {
    this.reason = reason;
    this.transientFailure = transientFailure;
  }

  /** The condition reason, in the PascalCase form Kubernetes conditions use. */
  public String reason() {
    return reason;
  }

  /** Whether retrying later, unchanged, may succeed. */
  public boolean isTransient() {
    return transientFailure;
  }
}
