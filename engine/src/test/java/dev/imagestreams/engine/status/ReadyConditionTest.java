package dev.imagestreams.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Ready condition a user reads with {@code kubectl get is -o yaml} or {@code kubectl wait}. */
class ReadyConditionTest {
  private static final String NOW = "2026-11-26T12:00:00Z";

  @Test
  void aStreamWithOneResolvedTagIsReadySayingSoInTheSingular() {
    Condition ready = ReadyCondition.forTags(List.of(tag("1")), List.of(), "", 4, NOW, null);
    assertThat(ready.getType()).isEqualTo("Ready");
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getReason()).isEqualTo("Imported");
    assertThat(ready.getMessage()).isEqualTo("1 tag resolved");
    assertThat(ready.getObservedGeneration()).isEqualTo(4L);
    assertThat(ready.getLastTransitionTime()).isEqualTo(NOW);
  }

  @Test
  void aStreamWithSeveralOrNoResolvedTagsCountsThemInThePlural() {
    assertThat(
            ReadyCondition.forTags(List.of(tag("1"), tag("2")), List.of(), "", 1, NOW, null)
                .getMessage())
        .isEqualTo("2 tags resolved");
    assertThat(ReadyCondition.forTags(List.of(), List.of(), "", 1, NOW, null).getMessage())
        .isEqualTo("0 tags resolved");
  }

  private static NamedTagEventList tag(String name) {
    return new NamedTagEventList(
        name,
        List.of(new TagEvent(NOW, "nginx:1", "sha256:" + "a".repeat(64), 1L)),
        null,
        null,
        null);
  }
}
