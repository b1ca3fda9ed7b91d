package dev.imagestreams.operator.startup;

/**
 * Why the operator cannot start, said precisely: what happened, where, and what to do about it.
 *
 * @param kind what went wrong
 * @param message what to log: the API server, the request and the remedy where they are known
 */
public record StartupProblem(Kind kind, String message) {
  /** What went wrong. */
  public enum Kind {
    /** {@code KUBECONFIG} names a file that does not exist. */
    KUBECONFIG_MISSING,
    /** The configuration ConfigMap is invalid. */
    INVALID_CONFIGURATION,
    /** No connection to the API server: refused, unresolvable host, no answer in time. */
    UNREACHABLE,
    /** The API server's TLS certificate is not trusted by the client's configuration. */
    UNTRUSTED_CERTIFICATE,
    /** The API server rejected the credentials (401). */
    UNAUTHORIZED,
    /** The API server refused a request for lack of permission (403). */
    FORBIDDEN,
    /** The ImageStream CRD is not installed. */
    CRD_MISSING,
    /** Any other answer or failure; the message carries the API server's own words. */
    API_ERROR
  }

  /** The process exit code: 2 when the operator's own configuration is wrong, 3 for the cluster. */
  public int exitCode() {
    return kind == Kind.KUBECONFIG_MISSING || kind == Kind.INVALID_CONFIGURATION ? 2 : 3;
  }
}
