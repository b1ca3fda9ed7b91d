package dev.imagestreams.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The annotation is read as Go's {@code encoding/json} reads OpenShift's {@code
 * []ObjectFieldTrigger}: lenient about keys, strict about types, and all or nothing.
 */
class TriggerAnnotationTest {
  private static final String WEB = "spec.template.spec.containers[?(@.name==\"web\")].image";

  @Test
  void readsOpenShiftsExportAsWritten() {
    String value =
        "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"app:latest\",\"namespace\":\"team\"},"
            + "\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"web\\\")].image\","
            + "\"paused\":false}]";

    TriggerAnnotation.Parsed parsed = TriggerAnnotation.parse(value);

    assertThat(parsed.valid()).isTrue();
    assertThat(parsed.error()).isNull();
    assertThat(parsed.triggers())
        .containsExactly(
            new ImageTrigger(
                new ImageTrigger.Source("ImageStreamTag", "app:latest", "team", ""), WEB, false));
  }

  @Test
  void unknownKeysAreIgnoredKeysMatchCaseInsensitivelyAndTheLastWins() {
    String value =
        "[{\"FROM\":{\"Kind\":\"ImageStreamTag\",\"NAME\":\"a:1\",\"apiversion\":\"v\"},"
            + "\"pause\":\"false\",\"extra\":{\"x\":[1]},"
            + "\"fieldpath\":\"first\",\"fieldPath\":\"second\",\"Paused\":true}]";

    TriggerAnnotation.Parsed parsed = TriggerAnnotation.parse(value);

    assertThat(parsed.triggers())
        .containsExactly(
            new ImageTrigger(
                new ImageTrigger.Source("ImageStreamTag", "a:1", "", "v"), "second", true));
  }

  @Test
  void nullLeavesAFieldUnsetAndANullEntryIsAnEmptyTrigger() {
    TriggerAnnotation.Parsed parsed =
        TriggerAnnotation.parse(
            "[{\"from\":null,\"fieldPath\":null,\"paused\":null},"
                + "{\"from\":{\"kind\":null,\"name\":\"a:1\"},\"fieldPath\":\"x\",\"paused\":true}]");

    assertThat(parsed.error()).isNull();
    assertThat(parsed.triggers())
        .containsExactly(
            new ImageTrigger(null, "", false),
            new ImageTrigger(new ImageTrigger.Source(null, "a:1", null, null), "x", true));
    assertThat(parsed.triggers().get(0).from()).isEqualTo(new ImageTrigger.Source("", "", "", ""));
    assertThat(TriggerAnnotation.parse("[null]").triggers())
        .containsExactly(new ImageTrigger(null, null, false));
  }

  @Test
  void jsonNullAndAnEmptyArrayHaveNoTriggers() {
    assertThat(TriggerAnnotation.parse("null"))
        .isEqualTo(new TriggerAnnotation.Parsed(List.of(), null));
    assertThat(TriggerAnnotation.parse(" [ ] "))
        .isEqualTo(new TriggerAnnotation.Parsed(List.of(), null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          [{"fieldPath":"a","paused":"false"}]              | [0].paused must be true or false, not the string "false"
          [{"fieldPath":"a","paused":0}]                    | [0].paused must be true or false, not the number 0
          [{"fieldPath":1}]                                 | [0].fieldPath must be a string, not the number 1
          [{"fieldPath":true}]                              | [0].fieldPath must be a string, not true
          [{"from":"app:1","fieldPath":"a"}]                | [0].from must be an object, not the string "app:1"
          [{"from":{"name":["a"]},"fieldPath":"a"}]          | [0].from.name must be a string, not an array
          [{"from":{"kind":{}},"fieldPath":"a"}]             | [0].from.kind must be a string, not an object
          [{"from":{"namespace":2},"fieldPath":"a"}]         | [0].from.namespace must be a string, not the number 2
          [{"from":{"apiVersion":false},"fieldPath":"a"}]    | [0].from.apiVersion must be a string, not false
          [{"fieldPath":"a"},{"fieldPath":"b","paused":"x"}] | [1].paused must be true or false, not the string "x"
          [{"fieldPath":"a"},5]                             | [1] must be an object, not the number 5
          {"fieldPath":"a"}                                 | must be a JSON array of triggers, not an object
          "a"                                               | must be a JSON array of triggers, not the string "a"
          [{"fieldPath":"a"},{"fieldPath":"b"},{"fieldPath":"a"}] | [0] and [2] have the same fieldPath "a": duplicate triggers are not allowed
          [{},{}]                                           | [0] and [1] have the same fieldPath "": duplicate triggers are not allowed
          """)
  void aWrongTypeADuplicateFieldPathOrANonArrayInvalidatesTheWholeAnnotation(
      String value, String error) {
    TriggerAnnotation.Parsed parsed = TriggerAnnotation.parse(value);

    assertThat(parsed.valid()).isFalse();
    assertThat(parsed.triggers()).isEmpty();
    assertThat(parsed.error()).isEqualTo(error);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          [{"fieldPath":"a"}                    | at character
          [{"fieldPath":"a"}] x                 | at character
          [{'fieldPath':'a'}]                   | at character
          ``                                    | the value is empty
          `   `                                 | the value is empty
          [{"fieldPath":"a",}]                  | at character
          """)
  void textThatIsNotOneJsonValueIsInvalidAndTheMessageSaysWhere(String value, String where) {
    TriggerAnnotation.Parsed parsed = TriggerAnnotation.parse(value);

    assertThat(parsed.valid()).isFalse();
    assertThat(parsed.error()).startsWith("not valid JSON: ").contains(where).doesNotContain("\n");
  }

  @Test
  void writesWhatOpenShiftWritesAndReadsItBack() {
    List<ImageTrigger> triggers =
        List.of(
            new ImageTrigger(ImageTrigger.Source.streamTag("", "app:latest"), WEB, false),
            new ImageTrigger(
                new ImageTrigger.Source(
                    "ImageStreamTag", "base:1", "shared", "image.openshift.io/v1"),
                "spec.template.spec.initContainers[0].image",
                true));

    String value = TriggerAnnotation.write(triggers);

    assertThat(value)
        .isEqualTo(
            "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"app:latest\"},"
                + "\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"web\\\")].image\"},"
                + "{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"base:1\",\"namespace\":\"shared\","
                + "\"apiVersion\":\"image.openshift.io/v1\"},"
                + "\"fieldPath\":\"spec.template.spec.initContainers[0].image\",\"paused\":true}]");
    assertThat(TriggerAnnotation.parse(value).triggers()).isEqualTo(triggers);
    assertThat(TriggerAnnotation.write(List.of())).isEqualTo("[]");
  }

  @Test
  void theSourceNamespaceDefaultsToTheWorkloads() {
    assertThat(ImageTrigger.Source.streamTag("", "a:1").namespaceOr("team")).isEqualTo("team");
    assertThat(ImageTrigger.Source.streamTag("shared", "a:1").namespaceOr("team"))
        .isEqualTo("shared");
  }
}
