package dev.imagestreams.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.registry.ImportMode;
import dev.imagestreams.registry.http.TrustedCas;
import dev.imagestreams.registry.manifest.Platform;
import dev.imagestreams.registry.testing.References;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImportConfigParserTest {
  private static ImportConfig parse(String yaml) throws InvalidConfigException {
    return new ImportConfigParser(n -> Optional.empty()).parse(yaml);
  }

  @Test
  void emptyMeansOpenShiftsDefaults() throws InvalidConfigException {
    ImportConfig c = parse("");
    assertThat(c).isEqualTo(ImportConfig.defaults());
    assertThat(c.imageImport().scheduledInterval()).isEqualTo(Duration.ofSeconds(900));
    assertThat(c.imageImport().maxScheduledImageImportsPerMinute()).isEqualTo(60);
    assertThat(c.historyLimit()).isEqualTo(10);
    assertThat(c.imageStreamImportMode()).isEqualTo(ImportMode.LEGACY);
  }

  @Test
  void readsEveryKey() throws InvalidConfigException {
    ImportConfig c =
        parse(
            """
        allowedRegistriesForImport:
          - domainName: quay.io
          - domainName: "*.example.com"
            insecure: true
        registrySources:
          insecureRegistries: [reg.local:5000]
          blockedRegistries: [evil.example.com]
          allowedRegistries: [anything]
        imageStreamImportMode: PreserveOriginal
        internalRegistryHostname: image-registry.svc:5000
        externalRegistryHostnames: [registry.apps.example.com]
        imageImport:
          scheduledImageImportMinimumIntervalSeconds: 300
          maxScheduledImageImportsPerMinute: -1
          disableScheduledImport: true
        defaultPlatform: linux/arm64/v8
        historyLimit: 25
        maxImageMetadataBytes: 4096
        privilegedNamespaces: [platform-system]
        registryLimits:
          default: {requestsPerSecond: 5, burst: 10, maxConcurrent: 2}
          hosts:
            index.docker.io: {requestsPerSecond: 1}
        """);
    assertThat(c.allowedRegistriesForImport())
        .containsExactly(
            new AllowedRegistry("quay.io", false), new AllowedRegistry("*.example.com", true));
    assertThat(c.registrySources().insecureRegistries().match(References.image("reg.local:5000/a")))
        .isPresent();
    assertThat(c.registrySources().blockedRegistries().matchesHost("evil.example.com")).isTrue();
    assertThat(c.imageStreamImportMode()).isEqualTo(ImportMode.PRESERVE_ORIGINAL);
    assertThat(c.internalRegistryHostname()).isEqualTo("image-registry.svc:5000");
    assertThat(c.externalRegistryHostnames()).containsExactly("registry.apps.example.com");
    assertThat(c.imageImport().scheduledInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.imageImport().maxScheduledImageImportsPerMinute()).isEqualTo(-1);
    assertThat(c.imageImport().disableScheduledImport()).isTrue();
    assertThat(c.preferredPlatform()).contains(Platform.parse("linux/arm64/v8"));
    assertThat(c.historyLimit()).isEqualTo(25);
    assertThat(c.maxImageMetadataBytes()).isEqualTo(4096);
    assertThat(c.privilegedNamespaces().names()).containsExactly("platform-system");
    assertThat(c.limitsFor("quay.io")).isEqualTo(new RegistryLimits(5.0, 10, 2));
    assertThat(c.limitsFor("docker.io"))
        .as("aliases and defaults")
        .isEqualTo(new RegistryLimits(1.0, 10, 2));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          registrySource: {}                                                | registrySource: unknown key
          imageImport: {maxScheduledImageImportsPerMinute: 0}              | imageImport.maxScheduledImageImportsPerMinute: must be -1 (no cap) or between 1 and 1000000
          imageImport: {scheduledImageImportMinimumIntervalSeconds: abc}   | imageImport.scheduledImageImportMinimumIntervalSeconds: must be an integer
          imageImport: {disableScheduledImport: yes please}                | imageImport.disableScheduledImport: must be true or false
          imageStreamImportMode: Newest                                    | imageStreamImportMode: invalid importMode "Newest"
          defaultPlatform: arm64                                           | defaultPlatform: invalid platform "arm64"
          historyLimit: 0                                                  | historyLimit: must be between 1 and 1000
          registrySources: {blockedRegistries: ["https://x"]}              | registrySources.blockedRegistries: invalid registry pattern
          allowedRegistriesForImport: [{insecure: true}]                   | allowedRegistriesForImport[0].domainName: is required
          privilegedNamespaces: [Bad_Name]                                 | privilegedNamespaces: "Bad_Name" is not a valid namespace name
          registryLimits: {hosts: {quay.io: {maxConcurrent: 0}}}           | registryLimits.hosts.quay.io.maxConcurrent: must be between 1 and 1024
          registryLimits: {default: {requestsPerSecond: -1}}               | registryLimits.default.requestsPerSecond: must be a positive number
          additionalTrustedCA: {name: missing}                             | additionalTrustedCA.name: ConfigMap "missing" does not exist
          '[not, a, mapping]'                                              | the configuration: must be a mapping
          'key: [unclosed'                                                 | configuration is not valid YAML
          """)
  void invalidConfigurationNamesTheKey(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(message);
  }

  @Test
  void additionalTrustedCasComeFromAConfigMap() throws Exception {
    String pem;
    try (var in =
        getClass().getResourceAsStream("/dev/imagestreams/testinfra/registry/token.pem")) {
      pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
    }
    ImportConfigParser parser =
        new ImportConfigParser(
            n ->
                switch (n) {
                  case "cas" ->
                      Optional.of(
                          Map.of("registry.example.com..5000", pem, "mirror.example.com", pem));
                  case "broken" -> Optional.of(Map.of("bad..5000", "not a pem"));
                  case "not-a-host" -> Optional.of(Map.of("registry..example.com", pem));
                  case "twice" ->
                      Optional.of(
                          Map.of("mirror.example.com", pem, "mirror.example.com..443", pem));
                  default -> Optional.empty();
                });
    ImportConfig c = parser.parse("additionalTrustedCA: {name: cas}");
    TrustedCas cas = c.additionalTrustedCA().certificates();
    assertThat(cas.forEndpoint(TrustedCas.Endpoint.parse("registry.example.com:5000")))
        .as("host..port")
        .hasSize(1);
    assertThat(cas.forEndpoint(TrustedCas.Endpoint.parse("mirror.example.com:443")))
        .as("host")
        .hasSize(1);
    assertThat(cas.forEndpoint(TrustedCas.Endpoint.parse("registry.example.com")))
        .as("another port")
        .isEmpty();
    assertThat(cas.forEndpoint(TrustedCas.Endpoint.parse("other.example.com")))
        .as("another registry")
        .isEmpty();
    assertThat(c.additionalTrustedCA().name()).isEqualTo("cas");
    assertThatThrownBy(() -> parser.parse("additionalTrustedCA: {name: broken}"))
        .hasMessage(
            "additionalTrustedCA: key \"bad..5000\" of ConfigMap \"broken\" is not a PEM certificate bundle");
    assertThatThrownBy(() -> parser.parse("additionalTrustedCA: {name: not-a-host}"))
        .hasMessage(
            "additionalTrustedCA: key \"registry..example.com\" of ConfigMap \"not-a-host\" does not name a registry"
                + " (host, or host..port)");
    assertThatThrownBy(() -> parser.parse("additionalTrustedCA: {name: twice}"))
        .hasMessageEndingWith("names the same registry as another key");
  }
}
