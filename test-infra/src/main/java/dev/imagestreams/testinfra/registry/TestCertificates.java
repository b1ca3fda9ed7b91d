package dev.imagestreams.testinfra.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * A self-signed TLS certificate for 127.0.0.1, made with the JDK's keytool (no crypto library), as
 * the PEM files the distribution registry reads.
 */
public final class TestCertificates {
  private TestCertificates() {}

  /**
   * A server certificate and key.
   *
   * @param certificateFile the certificate, PEM
   * @param keyFile the private key, PKCS#8 PEM
   * @param certificate the certificate
   */
  public record TlsMaterial(Path certificateFile, Path keyFile, X509Certificate certificate) {}

  /**
   * Makes a certificate valid for {@code subjectAlternativeNames} (e.g. {@code ip:127.0.0.1}) in
   * {@code dir}.
   */
  public static TlsMaterial selfSigned(Path dir, String subjectAlternativeNames) {
    try {
      Files.createDirectories(dir);
      Path store = dir.resolve("server.p12");
      Files.deleteIfExists(store);
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      Process p =
          new ProcessBuilder(
                  keytool,
                  "-genkeypair",
                  "-keyalg",
                  "RSA",
                  "-keysize",
                  "2048",
                  "-alias",
                  "server",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  store.toString(),
                  "-storepass",
                  "changeit",
                  "-keypass",
                  "changeit",
                  "-dname",
                  "CN=imagestream-test-registry",
                  "-validity",
                  "3650",
                  "-ext",
                  "san=" + subjectAlternativeNames)
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keyStore.load(in, "changeit".toCharArray());
      }
      X509Certificate certificate = (X509Certificate) keyStore.getCertificate("server");
      PrivateKey key = (PrivateKey) keyStore.getKey("server", "changeit".toCharArray());
      Path certificateFile = dir.resolve("server.crt");
      Path keyFile = dir.resolve("server.key");
      Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
      Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
      return new TlsMaterial(certificateFile, keyFile, certificate);
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a test certificate", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /**
   * The fixtures' own clients (readiness probe, pusher) accept the test's self-signed certificates.
   */
  static javax.net.ssl.SSLContext trustingAnything() {
    try {
      javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(
          null,
          new javax.net.ssl.TrustManager[] {
            new javax.net.ssl.X509ExtendedTrustManager() {
              @Override
              public void checkClientTrusted(
                  java.security.cert.X509Certificate[] c, String a, java.net.Socket s) {}

              @Override
              public void checkServerTrusted(
                  java.security.cert.X509Certificate[] c, String a, java.net.Socket s) {}

              @Override
              public void checkClientTrusted(
                  java.security.cert.X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) {}

              @Override
              public void checkServerTrusted(
                  java.security.cert.X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) {}

              @Override
              public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

              @Override
              public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

              @Override
              public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
              }
            }
          },
          null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
