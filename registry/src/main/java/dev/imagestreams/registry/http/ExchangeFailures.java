package dev.imagestreams.registry.http;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * What a failed exchange means: each way a request can fail without a usable response becomes a
 * {@link RegistryException} whose message says what happened where, with whether repeating the
 * request may help, and is counted by the {@link RequestListener} under a short reason.
 */
final class ExchangeFailures {
  private final HttpTransport.Settings settings;

  ExchangeFailures(HttpTransport.Settings settings) {
    this.settings = settings;
  }

  /** How long one exchange may take, and whether that is the import's deadline. */
  record Timeout(Duration duration, boolean isImportDeadline) {}

  /**
   * A body arriving below the {@link MinimumBodyRate} since its headers came, if it is.
   *
   * @param since how long ago the headers arrived
   * @param bytes the body's bytes so far
   */
  Optional<Attempt> trickling(RegistryRequest request, String host, Duration since, long bytes) {
    MinimumBodyRate minimum = settings.minimumBodyRate();
    if (!minimum.tooSlow(since, bytes)) {
      return Optional.empty();
    }
    settings.listener().onFailure(host, request.method(), "slow_body");
    return Optional.of(
        Attempt.failed(
            RegistryException.of(
                ErrorKind.UNAVAILABLE,
                "the body of "
                    + request.description()
                    + " from "
                    + host
                    + " arrived too slowly: "
                    + bytes
                    + " bytes in "
                    + since.toMillis() / 1000.0
                    + "s ("
                    + MinimumBodyRate.rate(since, bytes)
                    + " B/s), below the minimum of "
                    + minimum.bytesPerSecond()
                    + " B/s"),
            true));
  }

  /** The exchange outlasted its timeout, or the import's deadline. */
  Attempt timedOut(RegistryRequest request, String host, Timeout timeout) {
    settings
        .listener()
        .onFailure(host, request.method(), timeout.isImportDeadline() ? "deadline" : "timeout");
    if (timeout.isImportDeadline()) {
      return Attempt.failed(request.budget().deadlineExceeded(host, request.description()), false);
    }
    return Attempt.failed(
        RegistryException.of(
            ErrorKind.UNAVAILABLE,
            "request to "
                + host
                + " for "
                + request.description()
                + " timed out after "
                + settings.requestTimeout().toSeconds()
                + "s"),
        true);
  }

  /**
   * The exchange failed with {@code cause}.
   *
   * @throws PlainHttpEndpointException if an {@code https} request reached a plain-HTTP server
   */
  Attempt of(RegistryRequest request, String host, Throwable cause, Timeout timeout)
      throws PlainHttpEndpointException {
    if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
      return timedOut(request, host, timeout);
    }
    if (cause instanceof SSLException ssl && isPlainHttpAnswer(ssl)) {
      throw new PlainHttpEndpointException(host, ssl);
    }
    Failure failure =
        cause instanceof SSLException ssl ? tls(host, ssl) : failure(request, host, cause);
    settings.listener().onFailure(host, request.method(), failure.reason());
    return Attempt.failed(failure.exception(), failure.transientFailure());
  }

  /**
   * A failed exchange: the reason the listener counts, the exception, and whether repeating the
   * request at once may help.
   */
  private record Failure(String reason, RegistryException exception, boolean transientFailure) {
    static Failure of(String reason, ErrorKind kind, String message, Throwable cause) {
      return new Failure(
          reason,
          cause == null
              ? RegistryException.of(kind, message)
              : RegistryException.of(kind, message, cause),
          false);
    }

    Failure retryable() {
      return new Failure(reason, exception, true);
    }
  }

  private Failure failure(RegistryRequest request, String host, Throwable cause) {
    String what = request.description();
    if (cause instanceof BoundedBody.TooLargeException tooLarge) {
      return Failure.of(
          "too_large",
          ErrorKind.INVALID_MANIFEST,
          what + " from " + host + " is larger than the limit of " + tooLarge.limit + " bytes",
          null);
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return Failure.of(
          "connect_timeout",
          ErrorKind.UNAVAILABLE,
          "connecting to "
              + host
              + " timed out after "
              + settings.connectTimeout().toSeconds()
              + "s",
          null);
    }
    if (cause instanceof ConnectException) {
      // refused: the host is down, which the host's backoff handles better than a quick retry
      return Failure.of(
          "connect",
          ErrorKind.UNAVAILABLE,
          "cannot connect to " + host + ": " + rootMessage(cause),
          cause);
    }
    if (cause instanceof IOException) {
      return Failure.of(
              "io",
              ErrorKind.UNAVAILABLE,
              "connection to " + host + " failed while reading " + what + ": " + rootMessage(cause),
              cause)
          .retryable();
    }
    return Failure.of(
        "error",
        ErrorKind.UNAVAILABLE,
        "request to " + host + " for " + what + " failed: " + rootMessage(cause),
        cause);
  }

  private static Failure tls(String host, SSLException ssl) {
    if (isCertificateProblem(ssl)) {
      return Failure.of(
          "tls",
          ErrorKind.BAD_REQUEST,
          "the TLS certificate of "
              + host
              + " is not trusted ("
              + rootMessage(ssl)
              + "): add its CA to the trusted CAs or mark the registry insecure",
          ssl);
    }
    return Failure.of(
        "tls",
        ErrorKind.UNAVAILABLE,
        "TLS handshake with " + host + " failed: " + rootMessage(ssl),
        ssl);
  }

  private static boolean isPlainHttpAnswer(SSLException e) {
    String m = String.valueOf(e.getMessage());
    return !(e instanceof SSLHandshakeException && hasCertificateCause(e))
        && (m.contains("Unsupported or unrecognized SSL message")
            || m.contains("plaintext connection"));
  }

  private static boolean isCertificateProblem(SSLException e) {
    return hasCertificateCause(e) || String.valueOf(e.getMessage()).contains("PKIX");
  }

  private static boolean hasCertificateCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException || t instanceof CertPathValidatorException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }
}
