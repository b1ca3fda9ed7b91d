package dev.imagestreams.engine.config;

import dev.imagestreams.registry.ImportMode;
import dev.imagestreams.registry.http.TrustedCas;
import dev.imagestreams.registry.manifest.Platform;
import dev.imagestreams.registry.reference.RegistryPatterns;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster-wide import configuration: OpenShift's image config ({@code config.openshift.io/v1
 * Image}) and image import controller settings, plus this operator's additions. Immutable; a new
 * instance replaces the old one when the ConfigMap changes. See the table in docs/configuration.md.
 *
 * @param allowedRegistriesForImport registries tags may import from; empty allows all
 * @param insecureRegistries registries reached with plain HTTP or unverified TLS
 * @param blockedRegistries registries never contacted
 * @param additionalTrustedCas extra CA certificates for registry TLS, each for the registry its key
 *     names
 * @param additionalTrustedCaConfigMap the ConfigMap they came from, if any
 * @param importMode the import mode of tags that do not set one
 * @param defaultPlatform the platform {@code Legacy} prefers after the tag's annotations, if set
 * @param historyLimit the most history items kept per tag
 * @param maxImageMetadataBytes the size bound of one image's metadata in the status
 * @param extraPrivilegedNamespaces namespaces refused besides the built-in list
 * @param internalRegistryHostname sets {@code status.dockerImageRepository}, if set
 * @param externalRegistryHostnames the first sets {@code status.publicDockerImageRepository}
 * @param scheduledInterval the cluster-wide interval of scheduled checks
 * @param maxScheduledImportsPerMinute the cap of scheduled checks per minute; -1 for none
 * @param disableScheduledImport turns scheduled checks off; on-demand imports still work
 * @param defaultRegistryLimits politeness towards any registry host
 * @param registryLimits politeness towards particular hosts
 */
public record ImportConfig(
    List<AllowedRegistry> allowedRegistriesForImport,
    RegistryPatterns insecureRegistries,
    RegistryPatterns blockedRegistries,
    TrustedCas additionalTrustedCas,
    String additionalTrustedCaConfigMap,
    ImportMode importMode,
    Optional<Platform> defaultPlatform,
    int historyLimit,
    int maxImageMetadataBytes,
    Set<String> extraPrivilegedNamespaces,
    String internalRegistryHostname,
    List<String> externalRegistryHostnames,
    Duration scheduledInterval,
    int maxScheduledImportsPerMinute,
    boolean disableScheduledImport,
    RegistryLimits defaultRegistryLimits,
    Map<String, RegistryLimits> registryLimits) {

  public static final int DEFAULT_HISTORY_LIMIT = 10;
  public static final int DEFAULT_MAX_IMAGE_METADATA_BYTES = 16 * 1024;
  public static final Duration DEFAULT_SCHEDULED_INTERVAL = Duration.ofSeconds(900);
  public static final int DEFAULT_MAX_SCHEDULED_IMPORTS_PER_MINUTE = 60;

  public ImportConfig {
    allowedRegistriesForImport = List.copyOf(allowedRegistriesForImport);
    extraPrivilegedNamespaces = Set.copyOf(extraPrivilegedNamespaces);
    externalRegistryHostnames = List.copyOf(externalRegistryHostnames);
    registryLimits = Map.copyOf(registryLimits);
  }

  /** The configuration used when no ConfigMap exists: OpenShift's defaults. */
  public static ImportConfig defaults() {
    return new ImportConfig(
        List.of(),
        RegistryPatterns.NONE,
        RegistryPatterns.NONE,
        TrustedCas.NONE,
        null,
        ImportMode.LEGACY,
        Optional.empty(),
        DEFAULT_HISTORY_LIMIT,
        DEFAULT_MAX_IMAGE_METADATA_BYTES,
        Set.of(),
        null,
        List.of(),
        DEFAULT_SCHEDULED_INTERVAL,
        DEFAULT_MAX_SCHEDULED_IMPORTS_PER_MINUTE,
        false,
        RegistryLimits.DEFAULT,
        Map.of());
  }

  /** The limits that apply to a registry host. */
  public RegistryLimits limitsFor(String registry) {
    return registryLimits.getOrDefault(registry, defaultRegistryLimits);
  }

  /** A copy with other scheduling settings (tests and benchmarks). */
  public ImportConfig withSchedule(Duration interval, int maxPerMinute, boolean disabled) {
    return new ImportConfig(
        allowedRegistriesForImport,
        insecureRegistries,
        blockedRegistries,
        additionalTrustedCas,
        additionalTrustedCaConfigMap,
        importMode,
        defaultPlatform,
        historyLimit,
        maxImageMetadataBytes,
        extraPrivilegedNamespaces,
        internalRegistryHostname,
        externalRegistryHostnames,
        interval,
        maxPerMinute,
        disabled,
        defaultRegistryLimits,
        registryLimits);
  }

  /**
   * A copy with other insecure registries ({@code kubectl imagestream resolve
   * --insecure-registry}).
   */
  public ImportConfig withInsecureRegistries(RegistryPatterns insecure) {
    return new ImportConfig(
        allowedRegistriesForImport,
        insecure,
        blockedRegistries,
        additionalTrustedCas,
        additionalTrustedCaConfigMap,
        importMode,
        defaultPlatform,
        historyLimit,
        maxImageMetadataBytes,
        extraPrivilegedNamespaces,
        internalRegistryHostname,
        externalRegistryHostnames,
        scheduledInterval,
        maxScheduledImportsPerMinute,
        disableScheduledImport,
        defaultRegistryLimits,
        registryLimits);
  }
}
