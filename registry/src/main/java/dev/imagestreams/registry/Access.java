package dev.imagestreams.registry;

import dev.imagestreams.registry.auth.RegistryCredentials;
import java.util.Optional;

/**
 * How to reach a registry for one request: with which credentials, and whether TLS verification may
 * be skipped and plain HTTP used ({@code insecure}, as OpenShift's {@code importPolicy.insecure}).
 *
 * @param credentials the credentials, or null for anonymous access
 * @param insecure whether unverified TLS and plain HTTP are allowed
 */
public record Access(RegistryCredentials credentials, boolean insecure) {

  public static Access anonymous() {
    return new Access(null, false);
  }

  public static Access anonymous(boolean insecure) {
    return new Access(null, insecure);
  }

  public static Access withCredentials(RegistryCredentials credentials, boolean insecure) {
    return new Access(credentials, insecure);
  }

  public Optional<RegistryCredentials> credentialsIfAny() {
    return Optional.ofNullable(credentials);
  }

  /** The same access without credentials. */
  public Access anonymousVariant() {
    return new Access(null, insecure);
  }

  /** Identifies the credentials without revealing them: {@code anonymous} or a fingerprint. */
  public String credentialsFingerprint() {
    return credentials == null ? "anonymous" : credentials.fingerprint();
  }
}
