package dev.imagestreams.engine.importer;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.RegistryLimits;
import dev.imagestreams.registry.RegistrySettings;
import java.time.Clock;
import java.util.function.Function;

/**
 * The registry client settings a configuration implies: its blocked registries (never contacted,
 * not even as token service or redirect target), its trusted CAs and its per-host pacing. The one
 * place the operator and the plugin's {@code resolve} get them from, so both keep the same
 * policies.
 */
public final class RegistryClients {
  private RegistryClients() {}

  /**
   * A builder with the configuration's policies; callers add their listener and user agent.
   *
   * @param config the configuration
   * @param limits the pacing per host (the operator's follows configuration changes)
   * @param clock the clock
   */
  public static RegistrySettings.Builder settings(
      ImportConfig config, Function<String, RegistryLimits> limits, Clock clock) {
    return RegistrySettings.builder()
        .blockedRegistries(config.registrySources().blockedRegistries())
        .trustedCas(config.additionalTrustedCA().certificates())
        .throttle(new HostRateLimiter(clock, limits))
        .clock(clock);
  }
}
