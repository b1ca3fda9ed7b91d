package dev.imagestreams.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.v1.TagConditionReason;
import dev.imagestreams.registry.error.ErrorKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImportFailureTest {

  @ParameterizedTest
  @EnumSource(ErrorKind.class)
  void everyRegistryErrorKindMapsToTheConditionReasonOfTheSameStringAndTransience(ErrorKind kind) {
    TagConditionReason reason = ImportFailure.reasonOf(kind);
    assertThat(reason.wire()).isEqualTo(kind.reason());
    assertThat(reason.isTransient()).isEqualTo(kind.isTransient());
  }
}
