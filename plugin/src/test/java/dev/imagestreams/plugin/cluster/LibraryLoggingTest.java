package dev.imagestreams.plugin.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LibraryLoggingTest {
  @Test
  void withoutAProviderTheNoOpOneIsChosenQuietly() {
    assertThat(LibraryLogging.settings(k -> null, false))
        .containsExactly(
            Map.entry(LibraryLogging.PROVIDER, LibraryLogging.NOP),
            Map.entry(LibraryLogging.VERBOSITY, "WARN"));
  }

  @Test
  void aProviderOnTheClassPathOrConfiguredIsLeftAlone() {
    assertThat(LibraryLogging.settings(k -> null, true)).isEmpty();
    assertThat(
            LibraryLogging.settings(
                k -> k.equals(LibraryLogging.PROVIDER) ? "org.example.Provider" : null, false))
        .isEmpty();
  }

  @Test
  void theNoOpProviderExistsInTheSlf4jApi() throws Exception {
    assertThat(Class.forName(LibraryLogging.NOP))
        .isAssignableTo(org.slf4j.spi.SLF4JServiceProvider.class);
  }
}
