package dev.imagestreams.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OpenShift's fieldPath grammar: the kind's pod-spec path, {@code containers[..]} or {@code
 * initContainers[..]} with an index or exactly {@code ?(@.name=="NAME")}, then {@code .image}.
 */
class FieldPathTest {
  private static final List<String> NAMES = List.of("web", "sidecar", "a\"b");

  @ParameterizedTest(name = "{0} on {1}: {2} {3}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      nullValues = "-",
      textBlock =
          """
          # fieldPath                                                  | base         | selects (init:index) or - | reading
          spec.template.spec.containers[0].image                        | TEMPLATE     | c:0   | valid
          spec.template.spec.containers[1].image                        | TEMPLATE     | c:1   | valid
          spec.template.spec.containers[2].image                        | TEMPLATE     | c:2   | valid
          spec.template.spec.containers[3].image                        | TEMPLATE     | -     | valid
          spec.template.spec.containers[+1].image                       | TEMPLATE     | c:1   | valid
          spec.template.spec.containers[-0].image                       | TEMPLATE     | c:0   | valid
          spec.template.spec.containers[-1].image                       | TEMPLATE     | -     | valid
          spec.template.spec.containers[007].image                      | TEMPLATE     | -     | valid
          spec.template.spec.containers[01].image                       | TEMPLATE     | c:1   | valid
          spec.template.spec.containers[99999999999999999999].image     | TEMPLATE     | -     | valid
          spec.template.spec.containers[ 0].image                       | TEMPLATE     | -     | valid
          spec.template.spec.containers[].image                         | TEMPLATE     | -     | valid
          spec.template.spec.containers[?(@.name=="web")].image         | TEMPLATE     | c:0   | valid
          spec.template.spec.containers[?(@.name=="sidecar")].image     | TEMPLATE     | c:1   | valid
          spec.template.spec.containers[?(@.name=="a"b")].image         | TEMPLATE     | c:2   | valid
          spec.template.spec.containers[?(@.name=="nope")].image        | TEMPLATE     | -     | valid
          spec.template.spec.containers[?(@.name=='web')].image         | TEMPLATE     | -     | valid
          spec.template.spec.containers[?(@.name == "web")].image       | TEMPLATE     | -     | valid
          spec.template.spec.containers[web].image                      | TEMPLATE     | -     | valid
          spec.template.spec.containers[?(@.name=="web"].image          | TEMPLATE     | -     | valid
          spec.template.spec.containers[@.name=="web")].image           | TEMPLATE     | -     | valid
          spec.template.spec.containers[?(@.name=="")].image            | TEMPLATE     | -     | valid
          spec.template.spec.initContainers[0].image                    | TEMPLATE     | i:0   | valid
          spec.template.spec.initContainers[?(@.name=="sidecar")].image | TEMPLATE     | i:1   | valid
          spec.template.spec.containers[0]image                         | TEMPLATE     | c:0   | valid
          spec.jobTemplate.spec.template.spec.containers[0].image       | JOB_TEMPLATE | c:0   | valid
          spec.jobTemplate.spec.template.spec.containers[0].image       | TEMPLATE     | -     | other base
          spec.template.spec.containers[0].image                        | JOB_TEMPLATE | -     | other base
          spec.template.speccontainers[0].image                         | TEMPLATE     | -     | other base
          spec.template.spec                                            | TEMPLATE     | -     | other base
          ``                                                            | TEMPLATE     | -     | other base
          template.spec.containers[0].image                             | TEMPLATE     | -     | other base
          spec.template.spec.containers[0].name                         | TEMPLATE     | -     | malformed
          spec.template.spec.containers[0].image.tag                    | TEMPLATE     | -     | malformed
          spec.template.spec.containers[0]                              | TEMPLATE     | -     | malformed
          spec.template.spec.containers[0                               | TEMPLATE     | -     | malformed
          spec.template.spec.containers.0.image                         | TEMPLATE     | -     | malformed
          spec.template.spec.ephemeralContainers[0].image               | TEMPLATE     | -     | malformed
          spec.template.spec.                                           | TEMPLATE     | -     | malformed
          spec.template.spec.containers[0]..image                       | TEMPLATE     | -     | malformed
          """)
  void readsAndSelectsAsOpenShiftDoes(
      String fieldPath, PodSpecPath base, String selects, String reading) {
    FieldPath.Reading read = FieldPath.read(fieldPath, base);

    switch (reading) {
      case "other base" -> assertThat(read).isEqualTo(new FieldPath.OtherBase(base));
      case "malformed" -> assertThat(read).isInstanceOf(FieldPath.Malformed.class);
      default -> {
        assertThat(read).isInstanceOf(FieldPath.Valid.class);
        FieldPath path = ((FieldPath.Valid) read).path();
        assertThat(path.remainder()).isEqualTo("image");
        Optional<Integer> index = path.select(NAMES);
        if (selects == null) {
          assertThat(index).isEmpty();
        } else {
          assertThat(path.init()).isEqualTo(selects.startsWith("i:"));
          assertThat(path.list()).isEqualTo(path.init() ? "initContainers" : "containers");
          assertThat(index).contains(Integer.parseInt(selects.substring(2)));
        }
      }
    }
  }

  @Test
  void theSelectorIsTheTextBetweenTheBrackets() {
    assertThat(
            FieldPath.read(
                "spec.template.spec.containers[?(@.name==\"web\")].image", PodSpecPath.TEMPLATE))
        .isEqualTo(new FieldPath.Valid(new FieldPath(false, "?(@.name==\"web\")", "image")));
  }

  @Test
  void anIndexSelectsNothingInAnEmptyList() {
    assertThat(new FieldPath(false, "0", "image").select(List.of())).isEmpty();
  }

  @Test
  void ocWritesTheNameSelectorUnderTheKindsPodSpec() {
    assertThat(PodSpecPath.TEMPLATE.containerImage("web"))
        .isEqualTo("spec.template.spec.containers[?(@.name==\"web\")].image");
    assertThat(PodSpecPath.JOB_TEMPLATE.containerImage("job"))
        .isEqualTo("spec.jobTemplate.spec.template.spec.containers[?(@.name==\"job\")].image");
    assertThat(PodSpecPath.JOB_TEMPLATE.path()).isEqualTo("spec.jobTemplate.spec.template.spec");
  }
}
