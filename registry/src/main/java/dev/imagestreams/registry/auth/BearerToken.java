package dev.imagestreams.registry.auth;

import java.time.Instant;

/**
 * A bearer token and when it stops being usable. {@link #toString()} hides the value.
 *
 * @param value the token
 * @param expiresAt when to stop using it (already shortened by a safety margin)
 */
public record BearerToken(String value, Instant expiresAt) {
  public boolean isUsableAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "BearerToken[expiresAt=" + expiresAt + "]";
  }
}
