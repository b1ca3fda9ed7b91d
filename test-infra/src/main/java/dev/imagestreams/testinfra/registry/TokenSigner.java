package dev.imagestreams.testinfra.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs the RS256 JWTs of {@link TokenServer} with the bundled {@code token.p12} key, the header
 * carrying the signing certificate ({@code x5c}).
 */
final class TokenSigner {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** The key and certificate every token server signs with. */
  static final TokenSigner BUNDLED = loadBundled();

  private final PrivateKey privateKey;
  private final X509Certificate certificate;
  private final byte[] certificateDer;

  private TokenSigner(PrivateKey privateKey, X509Certificate certificate, byte[] certificateDer) {
    this.privateKey = privateKey;
    this.certificate = certificate;
    this.certificateDer = certificateDer;
  }

  X509Certificate certificate() {
    return certificate;
  }

  /**
   * A signed token with the claims {@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code nbf},
   * {@code iat}, {@code jti} and {@code access}, issued now.
   */
  String sign(
      String issuer,
      String subject,
      String audience,
      Collection<TokenAccess> access,
      Duration lifetime) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant expiry = now.plus(lifetime);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("x5c", List.of(Base64.getEncoder().encodeToString(certificateDer)));
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", subject);
    claims.put("aud", audience);
    claims.put("exp", expiry.getEpochSecond());
    claims.put("nbf", Math.min(now.getEpochSecond(), expiry.getEpochSecond()));
    claims.put("iat", now.getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("access", access.stream().map(TokenAccess::toClaim).toList());
    String signingInput =
        BASE64URL.encodeToString(json(header)) + "." + BASE64URL.encodeToString(json(claims));
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(privateKey);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign token", e);
    }
  }

  static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static TokenSigner loadBundled() {
    String password = TokenServer.KEYSTORE_PASSWORD;
    String alias = TokenServer.KEY_ALIAS;
    try {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      try (InputStream in = new ByteArrayInputStream(TestFiles.readResource("token.p12"))) {
        keyStore.load(in, password.toCharArray());
      }
      PrivateKey key = (PrivateKey) keyStore.getKey(alias, password.toCharArray());
      X509Certificate certificate = (X509Certificate) keyStore.getCertificate(alias);
      if (key == null || certificate == null) {
        throw new IllegalStateException("token.p12 has no key entry '" + alias + "'");
      }
      X509Certificate pem =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(TestFiles.readResource("token.pem")));
      if (!pem.equals(certificate)) {
        throw new IllegalStateException(
            "token.pem does not hold the certificate of token.p12; "
                + "regenerate it with keytool -exportcert -rfc");
      }
      return new TokenSigner(key, certificate, certificate.getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load token.p12", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load token.p12", e);
    }
  }
}
