package dev.imagestreams.engine.config;

/**
 * Politeness towards one registry host.
 *
 * @param requestsPerSecond the sustained request rate
 * @param burst how many requests may be sent at once after a quiet period
 * @param maxConcurrent how many imports may talk to the host at the same time
 */
public record RegistryLimits(double requestsPerSecond, int burst, int maxConcurrent) {
  public static final RegistryLimits DEFAULT = new RegistryLimits(10, 20, 8);
}
