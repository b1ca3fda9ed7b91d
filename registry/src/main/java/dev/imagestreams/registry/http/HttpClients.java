package dev.imagestreams.registry.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The JDK HTTP clients a request may go through, each made on first use (each loads trust material
 * and starts a selector thread, which a short-lived embedder such as the kubectl plugin should not
 * pay for clients it never uses): plain HTTP, TLS verified with the JDK's CAs, TLS verified with
 * the extra CAs of one registry (an SSL context is per client), and TLS not verified.
 */
final class HttpClients {
  private final Duration connectTimeout;
  private final Lazy verifying;
  private final Map<TrustedCas.Endpoint, Lazy> verifyingWithCas = new HashMap<>();
  private final Lazy insecure;
  private final Lazy plain;

  HttpClients(Duration connectTimeout, TrustedCas trustedCas) {
    this.connectTimeout = connectTimeout;
    this.verifying = lazy(() -> TrustSettings.verifying(List.of()), HttpClient.Version.HTTP_2);
    trustedCas
        .byEndpoint()
        .forEach(
            (endpoint, cas) ->
                verifyingWithCas.put(
                    endpoint, lazy(() -> TrustSettings.verifying(cas), HttpClient.Version.HTTP_2)));
    this.insecure = lazy(TrustSettings::trustingAnything, HttpClient.Version.HTTP_2);
    // plain HTTP: no h2c upgrade attempt
    this.plain = lazy(() -> TrustSettings.verifying(List.of()), HttpClient.Version.HTTP_1_1);
  }

  /** The client for a request to {@code uri}, verifying TLS unless {@code insecure}. */
  HttpClient forRequest(URI uri, boolean insecure) {
    if (uri.getScheme().equals("http")) {
      return plain.get();
    }
    return insecure
        ? this.insecure.get()
        : verifyingWithCas.getOrDefault(TrustedCas.Endpoint.of(uri), verifying).get();
  }

  private Lazy lazy(Supplier<SSLContext> tls, HttpClient.Version version) {
    return new Lazy(
        () ->
            HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(tls.get())
                .version(version)
                .build());
  }

  /** A client made once, on first use. */
  private static final class Lazy {
    private final Supplier<HttpClient> factory;
    private volatile HttpClient client;

    Lazy(Supplier<HttpClient> factory) {
      this.factory = factory;
    }

    HttpClient get() {
      HttpClient c = client;
      if (c == null) {
        synchronized (this) {
          c = client;
          if (c == null) {
            c = factory.get();
            client = c;
          }
        }
      }
      return c;
    }
  }
}
