package dev.imagestreams.registry.error;

import java.util.Locale;

/**
 * Why a registry operation failed. Each kind maps to the {@code ImportSuccess} condition reason of
 * the same name in the engine ({@code ImportFailure.reasonOf}, onto the api's {@code
 * TagConditionReason}, which alone says which reasons are transient); {@link #reason()} is that
 * reason's string, for this module's own messages.
 */
public enum ErrorKind {
  /** The image reference or digest does not parse. */
  INVALID_REFERENCE,
  /** The repository or the manifest does not exist (NAME_UNKNOWN, MANIFEST_UNKNOWN, 404). */
  NOT_FOUND,
  /** The registry wants credentials, or rejected those given (401). */
  UNAUTHORIZED,
  /** Access was denied (403), or the registry or an address it sent us to is blocked. */
  FORBIDDEN,
  /** The registry asked us to slow down (429); see {@link RegistryException#retryAfter()}. */
  RATE_LIMITED,
  /** The registry failed (5xx), did not answer in time, or the connection failed. */
  UNAVAILABLE,
  /** The request cannot work as configured, e.g. an HTTP-only registry without {@code insecure}. */
  BAD_REQUEST,
  /** The registry sent a manifest or config that is malformed, truncated or too large. */
  INVALID_MANIFEST,
  /** Content did not hash to the digest it was requested by or announced with. */
  DIGEST_MISMATCH,
  /** The manifest is of a type this engine does not import (Docker schema 1, artifacts). */
  UNSUPPORTED,
  /**
   * Nobody wants the import any more (see {@link dev.imagestreams.registry.http.Cancellation});
   * never shown on a tag.
   */
  CANCELLED;

  /**
   * The kind as condition reasons spell it, in PascalCase: {@code NOT_FOUND} is {@code NotFound}.
   * For this module's own messages; the engine maps each kind onto the api's {@code
   * TagConditionReason}, which declares the reasons on the wire and whether retrying may help.
   */
  public String reason() {
    StringBuilder pascal = new StringBuilder();
    for (String word : name().split("_")) {
      pascal.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return pascal.toString();
  }
}
