package dev.imagestreams.operator.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook's HTTPS server on loopback: it answers an AdmissionReview over TLS with the
 * certificate its key manager holds, serves a replaced certificate from the next connection on
 * without a restart, and reads cert-manager's mounted files again when they change.
 */
class WebhookServerIT {
  static final String REVIEW =
      "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\","
          + "\"kind\":{\"group\":\"\",\"kind\":\"Pod\"},\"operation\":\"CREATE\",\"namespace\":\"demo\","
          + "\"object\":{\"metadata\":{},\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\"}]}}}}";

  static HttpClient trusting(X509Certificate... cas) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    for (int i = 0; i < cas.length; i++) {
      store.setCertificateEntry("ca" + i, cas[i]);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
  }

  static HttpResponse<String> post(HttpClient client, int port, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + WebhookSettings.PATH))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static X509Certificate served(HttpResponse<?> r) throws Exception {
    SSLSession s = r.sslSession().orElseThrow();
    return (X509Certificate) s.getPeerCertificates()[0];
  }

  @Test
  void answersOverTlsAndServesAReplacedCertificateFromTheNextConnection() throws Exception {
    Instant now = Instant.now();
    CertificateAuthority.Issuer ca1 =
        CertificateAuthority.newCa("test", now, now.plusSeconds(3600));
    CertificateAuthority.Issuer ca2 =
        CertificateAuthority.newCa("test", now, now.plusSeconds(3600));
    ReloadingKeyManager keys = new ReloadingKeyManager();
    keys.load(CertificateAuthority.issue(ca1, List.of("127.0.0.1"), now, now.plusSeconds(600)));
    try (WebhookServer server =
        new WebhookServer(
            "127.0.0.1",
            0,
            WebhookSettings.PATH,
            new AdmissionHandler(
                r -> AdmissionDecision.UNCHANGED, AdmissionHandler.AdmissionListener.NONE),
            keys,
            2)) {
      HttpClient first = trusting(ca1.certificate());
      HttpResponse<String> r = post(first, server.port(), REVIEW);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"uid\":\"u\"", "\"allowed\":true");
      assertThat(served(r).getIssuerX500Principal())
          .isEqualTo(ca1.certificate().getSubjectX500Principal());

      keys.load(CertificateAuthority.issue(ca2, List.of("127.0.0.1"), now, now.plusSeconds(600)));
      HttpResponse<String> again =
          post(trusting(ca1.certificate(), ca2.certificate()), server.port(), REVIEW);
      assertThat(served(again).getIssuerX500Principal())
          .isEqualTo(ca2.certificate().getSubjectX500Principal());
      assertThat(post(first, server.port(), REVIEW).statusCode())
          .as("a connection made before keeps its session")
          .isEqualTo(200);

      assertThat(post(first, server.port(), "{}").statusCode()).isEqualTo(400);
      HttpResponse<String> get =
          first.send(
              HttpRequest.newBuilder(
                      URI.create("https://127.0.0.1:" + server.port() + WebhookSettings.PATH))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
      assertThat(System.getProperty("sun.net.httpserver.nodelay"))
          .as("answers are sent without waiting for the API server's delayed ACK (TCP_NODELAY)")
          .isEqualTo("true");
    }
  }

  @Test
  void anUnexpectedFailureRefusesWithOneLine() throws Exception {
    Instant now = Instant.now();
    CertificateAuthority.Issuer ca = CertificateAuthority.newCa("test", now, now.plusSeconds(3600));
    ReloadingKeyManager keys = new ReloadingKeyManager();
    keys.load(CertificateAuthority.issue(ca, List.of("127.0.0.1"), now, now.plusSeconds(600)));
    try (WebhookServer server =
        new WebhookServer(
            "127.0.0.1",
            0,
            WebhookSettings.PATH,
            new AdmissionHandler(
                r -> {
                  throw new IllegalStateException("ImageStream demo/x cannot be read: timeout");
                },
                AdmissionHandler.AdmissionListener.NONE),
            keys,
            1)) {
      HttpResponse<String> r = post(trusting(ca.certificate()), server.port(), REVIEW);
      assertThat(r.body())
          .contains("\"allowed\":false")
          .contains("image lookup failed: ImageStream demo/x cannot be read: timeout");
    }
  }

  @Test
  void mountedCertificatesAreReadAgainWhenTheyChange(@TempDir Path dir) throws Exception {
    Instant now = Instant.now();
    CertificateAuthority.Issuer ca = CertificateAuthority.newCa("test", now, now.plusSeconds(3600));
    ServingCertificate one =
        CertificateAuthority.issue(ca, List.of("127.0.0.1"), now, now.plusSeconds(600));
    ServingCertificate two =
        CertificateAuthority.issue(ca, List.of("127.0.0.1"), now, now.plusSeconds(900));
    write(dir, one);
    ReloadingKeyManager keys = new ReloadingKeyManager();
    try (MountedCertificates mounted =
        new MountedCertificates(new WebhookSettings.Mounted(dir, Duration.ofMillis(50)), keys)) {
      mounted.start();
      assertThat(keys.current().leaf()).isEqualTo(one.leaf());
      assertThat(mounted.caBundle()).isNull();
      Files.writeString(dir.resolve("tls.key"), "garbage");
      write(dir, two);
      await().atMost(Duration.ofSeconds(5)).until(() -> keys.current().leaf().equals(two.leaf()));
      Files.writeString(dir.resolve("tls.crt"), "not a certificate");
      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .alias("polls that fail keep the served certificate")
          .until(() -> keys.current().leaf().equals(two.leaf()));
    }
  }

  static void write(Path dir, ServingCertificate c) throws Exception {
    Files.writeString(dir.resolve("tls.crt"), ServingCertificate.pem(c.leaf()));
    Files.writeString(dir.resolve("tls.key"), ServingCertificate.pem(c.key()));
  }
}
