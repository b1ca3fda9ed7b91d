package dev.imagestreams.registry.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
  private static final String SHA = "sha256:" + "a".repeat(64);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # input                                   | registry                 | repository               | tag     | spelled name
          python                                    | docker.io                | library/python           | latest  | python
          python:3.6.0                              | docker.io                | library/python           | 3.6.0   | python
          centos/python-35-centos7                  | docker.io                | centos/python-35-centos7 | latest  | centos/python-35-centos7
          docker.io/python:3.6.0                    | docker.io                | library/python           | 3.6.0   | docker.io/python
          index.docker.io/library/python:3          | docker.io                | library/python           | 3       | index.docker.io/library/python
          registry-1.docker.io/bitnami/redis:7      | docker.io                | bitnami/redis            | 7       | registry-1.docker.io/bitnami/redis
          quay.io/org/app:v1.2                      | quay.io                  | org/app                  | v1.2    | quay.io/org/app
          registry.example.com:5000/a/b/c:tag       | registry.example.com:5000| a/b/c                    | tag     | registry.example.com:5000/a/b/c
          localhost/app                             | localhost                | app                      | latest  | localhost/app
          localhost:5000/app:1                      | localhost:5000           | app                      | 1       | localhost:5000/app
          127.0.0.1:5000/a-b__c.d/e:x_Y.z-1         | 127.0.0.1:5000           | a-b__c.d/e               | x_Y.z-1 | 127.0.0.1:5000/a-b__c.d/e
          [::1]:5000/app:1                          | [::1]:5000               | app                      | 1       | [::1]:5000/app
          Registry.Example.COM/app                  | registry.example.com     | app                      | latest  | Registry.Example.COM/app
          """)
  void parsesValidReferences(
      String input, String registry, String repository, String tag, String spelled)
      throws Exception {
    ImageReference ref = ImageReference.parse(input);
    assertThat(ref.registry()).isEqualTo(registry);
    assertThat(ref.repository()).isEqualTo(repository);
    assertThat(ref.tag()).isEqualTo(tag);
    assertThat(ref.digest()).isNull();
    assertThat(ref.spelledName()).isEqualTo(spelled);
  }

  @Test
  void digestReferenceHasNoDefaultTag() throws Exception {
    ImageReference ref = ImageReference.parse("quay.io/org/app@" + SHA);
    assertThat(ref.tag()).isNull();
    assertThat(ref.digest()).hasToString(SHA);
    assertThat(ref.manifestReference()).isEqualTo(SHA);
    assertThat(ref).hasToString("quay.io/org/app@" + SHA);
  }

  @Test
  void tagAndDigestKeepsBothAndResolvesByDigest() throws Exception {
    ImageReference ref = ImageReference.parse("nginx:1.25@" + SHA);
    assertThat(ref.tag()).isEqualTo("1.25");
    assertThat(ref.manifestReference()).isEqualTo(SHA);
    assertThat(ref.pullSpec(ref.digest())).isEqualTo("nginx@" + SHA);
  }

  @Test
  void pullSpecKeepsTheUsersSpelling() throws Exception {
    Digest d = Digest.parse(SHA);
    assertThat(ImageReference.parse("nginx:1.25").pullSpec(d)).isEqualTo("nginx@" + SHA);
    assertThat(ImageReference.parse("docker.io/python:3.6.0").pullSpec(d))
        .isEqualTo("docker.io/python@" + SHA);
    assertThat(ImageReference.parse("registry.example.com:5000/a/b:c").pullSpec(d))
        .isEqualTo("registry.example.com:5000/a/b@" + SHA);
  }

  @Test
  void dockerHubUsesItsApiHost() throws Exception {
    assertThat(ImageReference.parse("python").apiHost()).isEqualTo("registry-1.docker.io");
    assertThat(ImageReference.parse("index.docker.io/python").apiHost())
        .isEqualTo("registry-1.docker.io");
    assertThat(ImageReference.parse("quay.io/a/b").apiHost()).isEqualTo("quay.io");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''                                        | image reference is empty
          https://quay.io/org/app:1                 | must not include a scheme
          docker://python                           | must not include a scheme
          Python:3.6                                | must be lowercase
          docker.io/Library/python                  | must be lowercase
          python:                                   | invalid tag
          python:-bad                               | invalid tag
          python:.bad                               | invalid tag
          python@sha256:abc                         | invalid digest
          python@sha256:ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ | invalid digest
          python@md5:0123456789abcdef0123456789abcdef | unsupported digest algorithm
          python@                                   | invalid digest
          a//b                                      | invalid repository path component
          a/b/                                      | invalid repository path component
          -a/b                                      | invalid repository path component
          a..b                                      | invalid repository path component
          quay.io/                                  | has no repository name
          :tag                                      | has no repository name
          reg-.io/app                               | invalid registry host
          quay.io:99999/app                         | invalid port
          quay.io:0/app                             | invalid port
          python 3                                  | whitespace
          """)
  void rejectsInvalidReferencesWithAPreciseMessage(String input, String message) throws Exception {
    assertThatThrownBy(() -> ImageReference.parse(input))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REFERENCE))
        .hasMessageContaining(message);
  }

  @Test
  void rejectsTooLongTagsAndNames() throws Exception {
    assertThatThrownBy(() -> ImageReference.parse("python:" + "a".repeat(129)))
        .hasMessageContaining("invalid tag");
    assertThatThrownBy(() -> ImageReference.parse("quay.io/" + "a".repeat(250)))
        .hasMessageContaining("longer than 255 characters");
    assertThatThrownBy(() -> ImageReference.parse("a".repeat(2000)))
        .hasMessageContaining("longer than 1024 characters");
  }

  @Test
  void nullIsEmpty() throws Exception {
    assertThatThrownBy(() -> ImageReference.parse(null)).hasMessage("image reference is empty");
  }
}
