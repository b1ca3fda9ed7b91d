package dev.imagestreams.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reasons' strings are on the wire (status, Events, OpenShift clients): pinned here, one by
 * one.
 */
class ReasonsTest {

  @Test
  void tagConditionReasonsKeepTheirWireStringsAndTransience() {
    Map<String, Boolean> expected =
        Map.ofEntries(
            Map.entry("NotFound", false),
            Map.entry("Unauthorized", false),
            Map.entry("Forbidden", false),
            Map.entry("RateLimited", true),
            Map.entry("Unavailable", true),
            Map.entry("BadRequest", false),
            Map.entry("InvalidManifest", false),
            Map.entry("DigestMismatch", false),
            Map.entry("Unsupported", false),
            Map.entry("InvalidReference", false),
            Map.entry("ReferenceCycle", false),
            Map.entry("Conflict", false),
            Map.entry("InternalError", false),
            Map.entry("Cancelled", false));
    Map<String, Boolean> actual =
        Arrays.stream(TagConditionReason.values())
            .collect(Collectors.toMap(TagConditionReason::wire, TagConditionReason::isTransient));
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void tagConditionReasonsReadBackFromTheirWireStrings() {
    for (TagConditionReason reason : TagConditionReason.values()) {
      assertThat(TagConditionReason.fromWire(reason.wire())).contains(reason);
      assertThat(TagConditionReason.isTransient(reason.wire())).isEqualTo(reason.isTransient());
      assertThat(reason).hasToString(reason.wire());
    }
    assertThat(TagConditionReason.fromWire("SomethingElse")).isEmpty();
    assertThat(TagConditionReason.fromWire(null)).isEmpty();
    assertThat(TagConditionReason.isTransient("rateLimited")).isFalse();
  }

  @Test
  void streamReasonsKeepTheirWireStrings() {
    assertThat(Arrays.stream(StreamReason.values()).map(StreamReason::wire))
        .containsExactly(
            "Imported", "ImportFailed", "InvalidSpec", "PrivilegedNamespace", "ReconcileFailed");
    for (StreamReason reason : StreamReason.values()) {
      assertThat(StreamReason.fromWire(reason.wire())).contains(reason);
      assertThat(reason.is(reason.wire())).isTrue();
    }
    assertThat(StreamReason.fromWire("Ready")).isEmpty();
    assertThat(StreamReason.IMPORTED.is(null)).isFalse();
  }
}
