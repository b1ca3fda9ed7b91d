package dev.imagestreams.engine.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LookupNameTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "python | '' | '' | python | '' | '' | true",
        "python:3.12 | '' | '' | python | 3.12 | '' | true",
        "python@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | '' | '' |"
            + " python | '' | sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            + " | true",
        "library/python:3 | '' | library | python | 3 | '' | false",
        "docker.io/python | docker.io | '' | python | '' | '' | false",
        "quay.io/org/team/app:v1 | quay.io | org/team | app | v1 | '' | false",
        "localhost/app | localhost | '' | app | '' | '' | false",
        "localhost:5000/app:1 | localhost:5000 | '' | app | 1 | '' | false",
        "registry:5000/a/b | registry:5000 | a | b | '' | '' | false",
        "[::1]:5000/a | [::1]:5000 | '' | a | '' | '' | false",
        "my-app_x.y__z | '' | '' | my-app_x.y__z | '' | '' | true",
        "ns/app | '' | ns | app | '' | '' | false",
      })
  void splitsAsOpenShiftDoes(
      String image,
      String registry,
      String namespace,
      String name,
      String tag,
      String digest,
      boolean local) {
    LookupName n = LookupName.parse(image).orElseThrow();
    assertThat(n).isEqualTo(new LookupName(registry, namespace, name, tag, digest));
    assertThat(n.local()).isEqualTo(local);
    assertThat(n.tagOrLatest()).isEqualTo(tag.isEmpty() ? "latest" : tag);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Python",
        "python:",
        "python:-x",
        "python@sha256:abc",
        "python@",
        "/python",
        "python/",
        "a//b",
        "quay.io/Org/app",
        "-app",
        "app-",
        "a@b@sha256:" + "0000000000000000000000000000000000000000000000000000000000000000",
        "bad_host.io:x/app",
      })
  void refusesWhatIsNotAnImageReference(String image) {
    assertThat(LookupName.parse(image)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void refusesNullAndHugeInput() {
    assertThat(LookupName.parse(null)).isEmpty();
    assertThat(LookupName.parse("a".repeat(4097))).isEmpty();
    assertThat(LookupName.parse("a".repeat(4096))).isPresent();
  }
}
