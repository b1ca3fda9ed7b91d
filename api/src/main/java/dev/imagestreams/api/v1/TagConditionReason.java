package dev.imagestreams.api.v1;

import java.util.Optional;

/**
 * The reasons of a tag's {@code ImportSuccess=False} condition ({@link
 * TagEventCondition#reason()}), each with its string on the wire (the status keeps OpenShift's
 * strings) and whether retrying later, unchanged, may succeed. The status holds the string; {@link
 * #fromWire} reads it back.
 */
public enum TagConditionReason {
  /**
   * The repository, tag or manifest does not exist, or a referenced stream, tag or image does not.
   */
  NOT_FOUND("NotFound", false),
  /** The registry wants credentials and none were found, or rejected them. */
  UNAUTHORIZED("Unauthorized", false),
  /** Access denied: by the registry, by policy, or an ungranted cross-namespace reference. */
  FORBIDDEN("Forbidden", false),
  /** The registry asked us to slow down; retried when allowed. */
  RATE_LIMITED("RateLimited", true),
  /**
   * The registry failed, did not answer in time, or the connection failed; retried with backoff.
   */
  UNAVAILABLE("Unavailable", true),
  /**
   * The request cannot work as configured (an HTTP-only registry without {@code insecure},
   * untrusted TLS).
   */
  BAD_REQUEST("BadRequest", false),
  /** A malformed, oversized or empty manifest or config. */
  INVALID_MANIFEST("InvalidManifest", false),
  /** Content did not hash to its digest. */
  DIGEST_MISMATCH("DigestMismatch", false),
  /**
   * A manifest of a type that is not imported (Docker schema 1, OCI artifacts, unknown media
   * types).
   */
  UNSUPPORTED("Unsupported", false),
  /** {@code from.name} does not parse, is empty, or the tag has no {@code from}. */
  INVALID_REFERENCE("InvalidReference", false),
  /** Tag references form a cycle. */
  REFERENCE_CYCLE("ReferenceCycle", false),
  /** An ImageStreamImage digest prefix matches several images. */
  CONFLICT("Conflict", false),
  /** The import failed in an unexpected way (a bug, not the registry). */
  INTERNAL_ERROR("InternalError", false),
  /** Nobody wants the import any more; never shown on a tag. */
  CANCELLED("Cancelled", false);

  private final String wire;
  private final boolean transientFailure;

  TagConditionReason(String wire, boolean transientFailure) {
    this.wire = wire;
    this.transientFailure = transientFailure;
  }

  /** The reason as written in the status, in the PascalCase form Kubernetes conditions use. */
  public String wire() {
    return wire;
  }

  /** Whether retrying later, unchanged, may succeed. */
  public boolean isTransient() {
    return transientFailure;
  }

  /** The reason a status string stands for; empty for one this operator does not write. */
  public static Optional<TagConditionReason> fromWire(String wire) {
    for (TagConditionReason reason : values()) {
      if (reason.wire.equals(wire)) {
        return Optional.of(reason);
      }
    }
    return Optional.empty();
  }

  /** Whether a status reason string is that of a transient reason; false for unknown strings. */
  public static boolean isTransient(String wire) {
    return fromWire(wire).map(TagConditionReason::isTransient).orElse(false);
  }

  @Override
  public String toString() {
    return wire;
  }
}
