package dev.imagestreams.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.v1.TagConditionReason;
import dev.imagestreams.registry.error.ErrorKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImportFailureTest {

  @ParameterizedTest
  @EnumSource(ErrorKind.class)
  void everyRegistryErrorKindMapsToTheConditionReasonOfTheSameString(ErrorKind kind) {
    TagConditionReason reason = ImportFailure.reasonOf(kind);
    assertThat(reason.wire()).isEqualTo(kind.reason());
    // only a rate limit (429) and an unavailable registry (5xx, timeouts, refused connections)
    // may go away by waiting
    assertThat(reason.isTransient())
        .isEqualTo(kind == ErrorKind.RATE_LIMITED || kind == ErrorKind.UNAVAILABLE);
  }
}
