package dev.imagestreams.engine.config;

import static dev.imagestreams.engine.config.Check.between;
import static dev.imagestreams.engine.config.Check.or;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.imagestreams.registry.reference.ImageReference;
import java.util.Map;
import java.util.TreeMap;

/**
 * Politeness towards one registry host. In the configuration a key not set falls back: a host's to
 * {@code registryLimits.default}, the default's to {@link #DEFAULT}.
 *
 * @param requestsPerSecond the sustained request rate
 * @param burst how many requests may be sent at once after a quiet period
 * @param maxConcurrent how many imports may talk to the host at the same time
 */
public record RegistryLimits(Double requestsPerSecond, Integer burst, Integer maxConcurrent) {
  public static final RegistryLimits DEFAULT = new RegistryLimits(20.0, 40, 8);

  public RegistryLimits {
    if (requestsPerSecond != null) {
      Check.positive("requestsPerSecond", requestsPerSecond);
    }
    if (burst != null) {
      between("burst", burst, 1, 100_000);
    }
    if (maxConcurrent != null) {
      between("maxConcurrent", maxConcurrent, 1, 1024);
    }
  }

  /** These limits, each key not set taken from {@code fallback}. */
  RegistryLimits over(RegistryLimits fallback) {
    return new RegistryLimits(
        or(requestsPerSecond, fallback.requestsPerSecond),
        or(burst, fallback.burst),
        or(maxConcurrent, fallback.maxConcurrent));
  }

  /**
   * {@code registryLimits}: politeness towards any host, and towards particular hosts, by their
   * canonical registry name (aliases of Docker Hub are one host).
   *
   * @param defaults {@code default}: the limits of hosts not listed
   * @param hosts the limits of particular hosts
   */
  public record ByHost(
      @JsonProperty("default") RegistryLimits defaults, Map<String, RegistryLimits> hosts) {
    static final ByHost DEFAULTS = new ByHost(null, null);

    public ByHost {
      defaults = defaults == null ? DEFAULT : defaults.over(DEFAULT);
      Map<String, RegistryLimits> canonical = new TreeMap<>();
      if (hosts != null) {
        for (var e : hosts.entrySet()) {
          canonical.put(
              ImageReference.canonicalRegistry(e.getKey()),
              e.getValue() == null ? defaults : e.getValue().over(defaults));
        }
      }
      hosts = Map.copyOf(canonical);
    }

    /** The limits of a host. */
    public RegistryLimits forHost(String registry) {
      return hosts.getOrDefault(registry, defaults);
    }
  }
}
