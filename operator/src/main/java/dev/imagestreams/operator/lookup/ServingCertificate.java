package dev.imagestreams.operator.lookup;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A serving certificate chain and its key, read from and written as PEM ({@code tls.crt}, {@code
 * tls.key}: PKCS#8, PKCS#1 and SEC 1 keys are read, as cert-manager may write any of them).
 *
 * @param chain the leaf first
 * @param key the leaf's private key
 */
record ServingCertificate(List<X509Certificate> chain, PrivateKey key) {
  ServingCertificate {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("no certificate");
    }
  }

  X509Certificate leaf() {
    return chain.get(0);
  }

  /**
   * Reads {@code tls.crt} and {@code tls.key}.
   *
   * @throws IOException naming what is wrong with them
   */
  static ServingCertificate fromPem(String certificates, String key) throws IOException {
    List<X509Certificate> chain = certificates(certificates);
    if (chain.isEmpty()) {
      throw new IOException("tls.crt holds no certificate");
    }
    return new ServingCertificate(chain, privateKey(key));
  }

  /** The certificates of a PEM bundle, in order. */
  static List<X509Certificate> certificates(String pem) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem == null ? "" : pem))) {
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder h) {
          out.add(converter.getCertificate(h));
        }
      }
    } catch (CertificateException e) {
      throw new IOException("a certificate cannot be read: " + e.getMessage(), e);
    }
    return out;
  }

  /** The private key of a PEM document. */
  static PrivateKey privateKey(String pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem == null ? "" : pem))) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
      }
    }
    throw new IOException("tls.key holds no private key");
  }

  /** PEM of certificates or a key. */
  static String pem(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        if (o instanceof PrivateKey key) {
          // PKCS#8 (PRIVATE KEY): the JDK's encoding, which keeps what every reader needs
          writer.writeObject(
              new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", key.getEncoded()));
        } else {
          writer.writeObject(o);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString();
  }
}
