package dev.imagestreams.engine.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who may reference a stream of another namespace: only the namespaces its owner lists in {@value
 * ReferenceGrant#ANNOTATION}, or every namespace with {@code *}; a stream's own namespace always.
 */
class ReferenceGrantTest {

  @ParameterizedTest(name = "grant \"{0}\", asked by {1}: {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # annotation on shared/base  | asking namespace | allowed
          -                            | team             | false
          -                            | shared           | true
          ''                           | team             | false
          team                         | team             | true
          team                         | other            | false
          team                         | shared           | true
          teams                        | team             | false
          team                         | teams            | false
          other, team                  | team             | true
          ' other ,team '              | team             | true
          other,,team-x                | team             | false
          *                            | team             | true
          ' * '                        | anyone           | true
          other,*                      | team             | true
          **                           | team             | false
          team*                        | team-x           | false
          """)
  void allowsOnlyTheListedNamespacesOrEveryoneWithAStar(
      String annotation, String namespace, boolean allowed) {
    Streams source = Streams.stream("shared", "base");
    if (annotation != null) {
      source.annotation(ReferenceGrant.ANNOTATION, annotation);
    }
    ImageStream stream = source.build();
    assertThat(ReferenceGrant.allows(stream, namespace)).isEqualTo(allowed);
  }

  @Test
  void aRefusalTellsTheOwnerHowToGrant() {
    assertThat(ReferenceGrant.refusal("shared", "base", "team"))
        .isEqualTo(
            "ImageStream shared/base does not allow references from namespace team: its owner"
                + " can grant them with the annotation imagestreams.dev/allow-references-from:"
                + " \"team\"");
  }
}
