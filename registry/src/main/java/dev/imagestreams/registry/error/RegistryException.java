package dev.imagestreams.registry.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A registry operation failed. The {@link #kind()} says why, the message says exactly what happened
 * and is safe to show to users: it never contains a credential or a token.
 */
public final class RegistryException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final transient RateLimitInfo rateLimit;
  private final int httpStatus;
  private final String registryCode;

  private RegistryException(
      ErrorKind kind,
      String message,
      RateLimitInfo rateLimit,
      int httpStatus,
      String registryCode,
      Throwable cause) {
    super(message, cause, false, cause != null);
    this.kind = Objects.requireNonNull(kind);
    this.rateLimit = rateLimit == null ? RateLimitInfo.NONE : rateLimit;
    this.httpStatus = httpStatus;
    this.registryCode = registryCode;
  }

  public static RegistryException of(ErrorKind kind, String message) {
    return new RegistryException(kind, message, null, 0, null, null);
  }

  public static RegistryException of(ErrorKind kind, String message, Throwable cause) {
    return new RegistryException(kind, message, null, 0, null, cause);
  }

  /** A failure derived from an HTTP response. */
  public static RegistryException fromResponse(
      ErrorKind kind,
      String message,
      int httpStatus,
      String registryCode,
      RateLimitInfo rateLimit) {
    return new RegistryException(kind, message, rateLimit, httpStatus, registryCode, null);
  }

  public ErrorKind kind() {
    return kind;
  }

  /** The registry's rate-limit headers, {@link RateLimitInfo#NONE} when there were none. */
  public RateLimitInfo rateLimit() {
    return rateLimit;
  }

  /** How long the registry asked us to wait, if it did. */
  public Optional<Duration> retryAfter() {
    return rateLimit.retryAfter();
  }

  /** The HTTP status that caused the failure, if any. */
  public OptionalInt httpStatus() {
    return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** The distribution error code ({@code MANIFEST_UNKNOWN}, {@code DENIED}, ...), if any. */
  public Optional<String> registryCode() {
    return Optional.ofNullable(registryCode);
  }

  /** A copy with another message, keeping kind and details. */
  public RegistryException withMessage(String message) {
    return new RegistryException(kind, message, rateLimit, httpStatus, registryCode, getCause());
  }

  @Override
  public String toString() {
    return kind.reason() + ": " + getMessage();
  }
}
