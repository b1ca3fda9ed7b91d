package dev.imagestreams.testinfra.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Decodes and verifies the tokens of {@link TokenServer} in tests. */
record Jwt(JsonNode header, JsonNode claims, X509Certificate x5c, boolean signatureValid) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Jwt parse(String token) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a JWS compact token: " + token);
    }
    Base64.Decoder decoder = Base64.getUrlDecoder();
    try {
      JsonNode header = JSON.readTree(decoder.decode(parts[0]));
      JsonNode claims = JSON.readTree(decoder.decode(parts[1]));
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(
                          Base64.getDecoder().decode(header.get("x5c").get(0).asText())));
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(certificate.getPublicKey());
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return new Jwt(header, claims, certificate, verifier.verify(decoder.decode(parts[2])));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
