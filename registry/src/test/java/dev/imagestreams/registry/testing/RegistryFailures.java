package dev.imagestreams.registry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the {@link RegistryException} a call fails with. */
public final class RegistryFailures {
  private RegistryFailures() {}

  /**
   * Asserts that the call fails with a {@link RegistryException} of this kind; chain assertions on
   * its message.
   */
  public static AbstractThrowableAssert<?, ? extends Throwable> assertFailsWith(
      ErrorKind kind, ThrowingCallable call) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
