package dev.imagestreams.engine.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.testing.Configs;
import dev.imagestreams.registry.reference.ImageReference;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cluster's registry policy on whole images: blocked registries, the allow list (with the
 * internal registry always allowed), the refusal message, and when a registry may be insecure.
 */
class RegistryAccessRefusalTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # image                                         | refusal
          quay.io/org/app                                 | -
          Quay.io/org/app                                 | -
          evil.example.com/app                            | registry evil.example.com blocked
          quay.io/blocked/app                             | registry quay.io blocked
          image-registry.openshift.svc:5000/ns/app        | -
          image-registry.openshift.svc:5001/ns/app        | registry "image-registry.openshift.svc:5001" is not allowed by allowedRegistriesForImport: "quay.io"
          ghcr.io/org/app                                 | registry "ghcr.io" is not allowed by allowedRegistriesForImport: "quay.io"
          """)
  void blockedFirstThenTheAllowListWithTheInternalRegistryAlwaysAllowed(
      String image, String refusal) throws Exception {
    ImportConfig config =
        Configs.yaml(
            """
            internalRegistryHostname: Image-Registry.openshift.svc:5000
            registrySources:
              blockedRegistries: [evil.example.com, quay.io/blocked]
            allowedRegistriesForImport:
              - domainName: quay.io
            """);
    assertThat(RegistryAccessPolicy.refusal(ImageReference.parse(image), config))
        .isEqualTo(Optional.ofNullable(refusal));
  }

  @Test
  void withoutAnAllowListEveryUnblockedRegistryIsAllowed() throws Exception {
    ImportConfig config =
        Configs.yaml(
            """
            registrySources:
              blockedRegistries: [evil.example.com]
            """);
    assertThat(RegistryAccessPolicy.refusal(ImageReference.parse("ghcr.io/a/b"), config)).isEmpty();
    assertThat(RegistryAccessPolicy.refusal(ImageReference.parse("evil.example.com/a"), config))
        .contains("registry evil.example.com blocked");
    assertThat(
            RegistryAccessPolicy.refusal(
                ImageReference.parse("ghcr.io/a/b"), ImportConfig.defaults()))
        .isEmpty();
  }

  @Test
  void theRefusalListsFiveAllowedEntriesAndCountsTheRest() throws Exception {
    String five =
        """
        allowedRegistriesForImport:
          - domainName: a.io
          - domainName: b.io
          - domainName: c.io
          - domainName: d.io
          - domainName: e.io
        """;
    ImageReference image = ImageReference.parse("ghcr.io/a/b");
    assertThat(RegistryAccessPolicy.refusal(image, Configs.yaml(five)))
        .contains(
            "registry \"ghcr.io\" is not allowed by allowedRegistriesForImport:"
                + " \"a.io\", \"b.io\", \"c.io\", \"d.io\", \"e.io\"");
    assertThat(RegistryAccessPolicy.refusal(image, Configs.yaml(five + "  - domainName: f.io\n")))
        .contains(
            "registry \"ghcr.io\" is not allowed by allowedRegistriesForImport:"
                + " \"a.io\", \"b.io\", \"c.io\", \"d.io\", \"e.io\" and 1 more");
    assertThat(
            RegistryAccessPolicy.refusal(
                image, Configs.yaml(five + "  - domainName: f.io\n  - domainName: g.io\n")))
        .hasValueSatisfying(r -> assertThat(r).endsWith(" and 2 more"));
  }

  @ParameterizedTest(name = "{0} tag={1} stream={2}: {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # image                    | tag insecure | stream insecure | insecure
          quay.io/a                  | false        | false           | false
          quay.io/a                  | true         | false           | true
          quay.io/a                  | false        | true            | true
          reg.local:5000/a           | false        | false           | true
          reg.local:5001/a           | false        | false           | false
          """)
  void insecureWhenTheTagTheStreamOrTheClusterSaysSo(
      String image, boolean tag, boolean stream, boolean insecure) throws Exception {
    ImportConfig config =
        Configs.yaml(
            """
            registrySources:
              insecureRegistries: [reg.local:5000]
            """);
    assertThat(RegistryAccessPolicy.insecure(ImageReference.parse(image), tag, stream, config))
        .isEqualTo(insecure);
  }
}
