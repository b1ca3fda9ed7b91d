package dev.imagestreams.operator.lookup;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the built-in mode's certificates with Bouncy Castle (the JDK has no public certificate
 * builder): a self-signed CA, and serving certificates it signs for the webhook's host names. ECDSA
 * P-256 keys, SHA-256 signatures.
 */
final class CertificateAuthority {
  private static final Pattern IP = Pattern.compile("[0-9.]+|[0-9a-fA-F:]+");
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateAuthority() {}

  /** A CA and its key. */
  record Issuer(X509Certificate certificate, PrivateKey key) {}

  /** A new self-signed CA valid from {@code now} until {@code notAfter}. */
  static Issuer newCa(String name, Instant now, Instant notAfter) {
    try {
      KeyPair keys = keyPair();
      X500Name subject = new X500Name("CN=" + name + " CA " + now.getEpochSecond());
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject, serial(), Date.from(now), Date.from(notAfter), subject, keys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      return new Issuer(sign(builder, keys.getPrivate()), keys.getPrivate());
    } catch (GeneralSecurityException | java.io.IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make the webhook's CA", e);
    }
  }

  /** A serving certificate for {@code hosts} (names or IP addresses), signed by {@code ca}. */
  static ServingCertificate issue(Issuer ca, List<String> hosts, Instant now, Instant notAfter) {
    try {
      KeyPair keys = keyPair();
      Instant end =
          notAfter.isAfter(ca.certificate().getNotAfter().toInstant())
              ? ca.certificate().getNotAfter().toInstant()
              : notAfter;
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              ca.certificate(),
              serial(),
              Date.from(now),
              Date.from(end),
              new X500Name("CN=" + hosts.get(0)),
              keys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          ext.createAuthorityKeyIdentifier(ca.certificate()));
      List<GeneralName> names = new ArrayList<>();
      for (String host : hosts) {
        names.add(
            IP.matcher(host).matches() && (host.contains(".") || host.contains(":"))
                ? new GeneralName(GeneralName.iPAddress, host)
                : new GeneralName(GeneralName.dNSName, host));
      }
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(names.toArray(GeneralName[]::new)));
      return new ServingCertificate(List.of(sign(builder, ca.key())), keys.getPrivate());
    } catch (GeneralSecurityException | java.io.IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make the webhook's serving certificate", e);
    }
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }
}
