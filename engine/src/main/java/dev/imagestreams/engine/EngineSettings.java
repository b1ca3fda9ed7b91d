package dev.imagestreams.engine;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.engine.importer.RetryBackoffs;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.registry.RegistrySettings;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * How an {@link ImportEngine} runs: what its front end gives it.
 *
 * @param clock the clock
 * @param backoffs the retry schedule of failed tags and the backoff of failing hosts
 * @param listener observes imports, checks and registry requests (metrics)
 * @param userAgent the registries' {@code User-Agent}
 * @param registrySettings adjusts the registry client's settings (tests and benchmarks)
 * @param wake asks the front end to look at a stream again (an import it waited for arrived)
 * @param stored the streams as last stored, for the scheduled checks (the operator's cache)
 */
public record EngineSettings(
    Clock clock,
    RetryBackoffs backoffs,
    EngineListener listener,
    String userAgent,
    UnaryOperator<RegistrySettings.Builder> registrySettings,
    Consumer<StreamId> wake,
    Function<StreamId, Optional<ImageStream>> stored) {

  public EngineSettings {
    Objects.requireNonNull(clock);
    Objects.requireNonNull(backoffs);
    Objects.requireNonNull(listener);
    Objects.requireNonNull(userAgent);
    Objects.requireNonNull(registrySettings);
    Objects.requireNonNull(wake);
    Objects.requireNonNull(stored);
  }

  /** A builder with the defaults: system clock, default backoffs, no listener, nothing woken. */
  public static Builder builder(String userAgent) {
    return new Builder(userAgent);
  }

  /** Builds {@link EngineSettings}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private RetryBackoffs backoffs = RetryBackoffs.DEFAULT;
    private EngineListener listener = EngineListener.NONE;
    private final String userAgent;
    private UnaryOperator<RegistrySettings.Builder> registrySettings = UnaryOperator.identity();
    private Consumer<StreamId> wake = id -> {};
    private Function<StreamId, Optional<ImageStream>> stored = id -> Optional.empty();

    private Builder(String userAgent) {
      this.userAgent = userAgent;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder backoffs(RetryBackoffs backoffs) {
      this.backoffs = backoffs;
      return this;
    }

    public Builder listener(EngineListener listener) {
      this.listener = listener;
      return this;
    }

    public Builder registrySettings(UnaryOperator<RegistrySettings.Builder> registrySettings) {
      this.registrySettings = registrySettings;
      return this;
    }

    public Builder wake(Consumer<StreamId> wake) {
      this.wake = wake;
      return this;
    }

    public Builder stored(Function<StreamId, Optional<ImageStream>> stored) {
      this.stored = stored;
      return this;
    }

    public EngineSettings build() {
      return new EngineSettings(
          clock, backoffs, listener, userAgent, registrySettings, wake, stored);
    }
  }
}
