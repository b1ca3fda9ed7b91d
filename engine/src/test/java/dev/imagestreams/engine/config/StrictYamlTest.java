package dev.imagestreams.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The document is bound to {@link ConfigYaml} strictly: each error names the key by its full path
 * and says exactly what is wrong, whatever the depth of the key.
 */
class StrictYamlTest {
  private static ImportConfig parse(String yaml) throws InvalidConfigException {
    return new ImportConfigParser(n -> Optional.empty()).parse(yaml);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          registrySources: {insecure: []}                          | registrySources.insecure: unknown key (known keys: allowedRegistries, blockedRegistries, insecureRegistries)
          additionalTrustedCA: {nam: x}                            | additionalTrustedCA.nam: unknown key (known keys: name)
          imageImport: {other: 1}                                  | imageImport.other: unknown key (known keys: disableScheduledImport, maxScheduledImageImportsPerMinute, scheduledImageImportMinimumIntervalSeconds)
          allowedRegistriesForImport: [{domainName: a.io}, {x: 1}] | allowedRegistriesForImport[1].x: unknown key (known keys: domainName, insecure)
          registryLimits: {defaults: {}}                           | registryLimits.defaults: unknown key (known keys: default, hosts)
          registryLimits: {hosts: {quay.io: {rps: 1}}}             | registryLimits.hosts.quay.io.rps: unknown key (known keys: burst, maxConcurrent, requestsPerSecond)
          historyLimit: '5'                                        | historyLimit: must be an integer
          historyLimit: 5.5                                        | historyLimit: must be an integer
          maxImageMetadataBytes: 262145                            | maxImageMetadataBytes: must be between 1024 and 262144
          imageImport: {scheduledImageImportMinimumIntervalSeconds: 0} | imageImport.scheduledImageImportMinimumIntervalSeconds: must be at least 1
          imageImport: {maxScheduledImageImportsPerMinute: -2}     | imageImport.maxScheduledImageImportsPerMinute: must be -1 (no cap) or between 1 and 1000000
          imageImport: {disableScheduledImport: 1}                 | imageImport.disableScheduledImport: must be true or false
          internalRegistryHostname: 5                              | internalRegistryHostname: must be a string
          externalRegistryHostnames: a.example.com                 | externalRegistryHostnames: must be a list of strings
          externalRegistryHostnames: [a, [b]]                      | externalRegistryHostnames: must be a list of strings
          registrySources: {insecureRegistries: [1]}               | registrySources.insecureRegistries: must be a list of strings
          privilegedNamespaces: ['a', 'B']                         | privilegedNamespaces: "B" is not a valid namespace name
          imageImport: 5                                           | imageImport: must be a mapping
          registryLimits: {hosts: [quay.io]}                       | registryLimits.hosts: must be a mapping
          registryLimits: {hosts: {quay.io: 5}}                    | registryLimits.hosts.quay.io: must be a mapping
          registryLimits: {default: {burst: 0}}                    | registryLimits.default.burst: must be between 1 and 100000
          registryLimits: {default: {requestsPerSecond: '5'}}      | registryLimits.default.requestsPerSecond: must be a number
          allowedRegistriesForImport: {domainName: a.io}           | allowedRegistriesForImport: must be a list
          allowedRegistriesForImport: [~]                          | allowedRegistriesForImport[0]: must be a mapping
          allowedRegistriesForImport: [{domainName: ~}]            | allowedRegistriesForImport[0].domainName: is required
          allowedRegistriesForImport: [{domainName: a.io}, {insecure: true}] | allowedRegistriesForImport[1].domainName: is required
          allowedRegistriesForImport: [{domainNme: a.io}]          | allowedRegistriesForImport[0].domainNme: unknown key (known keys: domainName, insecure)
          allowedRegistriesForImport: [{domainName: ' '}]          | allowedRegistriesForImport[0].domainName: is required
          allowedRegistriesForImport: [{domainName: 5}]            | allowedRegistriesForImport[0].domainName: must be a string
          allowedRegistriesForImport: [{domainName: a.io, insecure: 'no'}] | allowedRegistriesForImport[0].insecure: must be true or false
          """)
  void eachErrorNamesTheKeyByItsPath(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "historyLimit: ~",
        "registrySources: ~",
        "registrySources: {insecureRegistries: ~}",
        "additionalTrustedCA: ~",
        "additionalTrustedCA: {name: ~}",
        "imageImport: {disableScheduledImport: ~}",
        "registryLimits: {default: ~, hosts: ~}",
        "privilegedNamespaces: ~",
        "allowedRegistriesForImport: ~",
      })
  void aKeySetToNullIsNotSet(String yaml) throws InvalidConfigException {
    assertThat(parse(yaml)).isEqualTo(ImportConfig.defaults());
  }

  @Test
  void stringsAreTrimmedAndDomainsLowerCased() throws InvalidConfigException {
    ImportConfig c =
        parse(
            """
            allowedRegistriesForImport: [{domainName: ' Quay.IO '}]
            externalRegistryHostnames: [' registry.apps.example.com ']
            privilegedNamespaces: [' platform-system ', platform-system]
            registryLimits:
              default: {burst: 3}
              hosts: {quay.io: ~, docker.io: {maxConcurrent: 1}}
            """);
    assertThat(c.allowedRegistriesForImport())
        .containsExactly(new AllowedRegistry("quay.io", false));
    assertThat(c.externalRegistryHostnames()).containsExactly("registry.apps.example.com");
    assertThat(c.privilegedNamespaces().names()).containsExactly("platform-system");
    RegistryLimits defaults = new RegistryLimits(20.0, 3, 8);
    assertThat(c.registryLimits().defaults()).isEqualTo(defaults);
    assertThat(c.limitsFor("quay.io"))
        .as("a host set to null takes the default")
        .isEqualTo(defaults);
    assertThat(c.limitsFor("docker.io")).isEqualTo(new RegistryLimits(20.0, 3, 1));
  }
}
