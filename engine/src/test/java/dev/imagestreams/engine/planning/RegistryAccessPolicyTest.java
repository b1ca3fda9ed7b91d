package dev.imagestreams.engine.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.config.AllowedRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** allowedRegistriesForImport matching, as OpenShift's whitelister does it. */
class RegistryAccessPolicyTest {
  @ParameterizedTest(name = "{0} (insecure={1}) vs {2}: {3}")
  @CsvSource({
    "quay.io, false, quay.io, true",
    "quay.io, false, quay.io:443, true",
    "quay.io, false, quay.io:80, false",
    "quay.io, true, quay.io:80, true",
    "quay.io:443, false, quay.io, true",
    "quay.io:80, true, quay.io, true",
    "quay.io:80, false, quay.io, false",
    "reg.local:5000, false, reg.local:5000, true",
    "reg.local:5000, false, reg.local:5001, false",
    "reg.local:*, false, reg.local:5001, true",
    "*.example.com, false, registry.example.com, true",
    "*.example.com, false, example.com, false",
    "docker.io, false, docker.io, true",
    "index.docker.io, false, docker.io, true",
    "quay.io, false, quay.io.evil.com, false",
  })
  void matchesLikeOpenShift(String domain, boolean insecure, String registry, boolean expected) {
    assertThat(RegistryAccessPolicy.matches(new AllowedRegistry(domain, insecure), registry))
        .isEqualTo(expected);
  }
}
