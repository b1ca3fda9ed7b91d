package dev.imagestreams.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each CA is trusted for the endpoint it is given for, and for no other. */
class TrustedCasTest {
  @Test
  void endpointsAreHostAndPortWith443ByDefault() {
    assertThat(TrustedCas.Endpoint.parse("registry.local"))
        .isEqualTo(new TrustedCas.Endpoint("registry.local", 443));
    assertThat(TrustedCas.Endpoint.parse("Registry.Local:5000"))
        .isEqualTo(new TrustedCas.Endpoint("registry.local", 5000));
    assertThat(TrustedCas.Endpoint.parse("10.0.0.7:5000"))
        .isEqualTo(new TrustedCas.Endpoint("10.0.0.7", 5000));
    assertThat(TrustedCas.Endpoint.parse("[::1]:5000"))
        .isEqualTo(new TrustedCas.Endpoint("[::1]", 5000));
    assertThat(TrustedCas.Endpoint.of(URI.create("https://registry.local/v2/")))
        .isEqualTo(TrustedCas.Endpoint.parse("registry.local"));
    assertThat(TrustedCas.Endpoint.of(URI.create("https://[::1]:5000/v2/")))
        .isEqualTo(TrustedCas.Endpoint.parse("[::1]:5000"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "registry local",
        "https://registry.local",
        "registry.local:0",
        "registry.local:70000",
        "registry.local:x",
        "-x.local"
      })
  void anythingElseIsRefusedNamingTheValue(String value) {
    assertThatThrownBy(() -> TrustedCas.Endpoint.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + value + "\"");
  }

  @Test
  void aCaIsFoundForItsEndpointOnly() throws Exception {
    X509Certificate ca;
    try (var in =
        getClass().getResourceAsStream("/dev/imagestreams/testinfra/registry/token.pem")) {
      ca =
          TrustSettings.parsePem(
                  new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII))
              .get(0);
    }
    TrustedCas cas =
        new TrustedCas(Map.of(TrustedCas.Endpoint.parse("registry.local:5000"), List.of(ca)));
    assertThat(
            cas.forEndpoint(TrustedCas.Endpoint.of(URI.create("https://registry.local:5000/v2/"))))
        .containsExactly(ca);
    assertThat(cas.forEndpoint(TrustedCas.Endpoint.of(URI.create("https://registry.local/v2/"))))
        .as("another port")
        .isEmpty();
    assertThat(
            cas.forEndpoint(TrustedCas.Endpoint.of(URI.create("https://registry.example.com/v2/"))))
        .as("another host")
        .isEmpty();
    assertThat(TrustedCas.of("registry.local:5000", ca)).isEqualTo(cas);
  }
}
