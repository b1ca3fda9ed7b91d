package dev.imagestreams.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import dev.imagestreams.engine.config.StrictValues.Between;
import dev.imagestreams.engine.config.StrictValues.Positive;
import dev.imagestreams.engine.config.StrictValues.Required;
import dev.imagestreams.registry.ImportMode;
import dev.imagestreams.registry.manifest.Platform;
import dev.imagestreams.registry.reference.RegistryPatterns;
import java.util.List;
import java.util.Map;

/**
 * The configuration document ({@code config.yaml}) as written: the one place its keys are named,
 * each with its type and bounds. {@link StrictYaml} binds it, refusing unknown keys, wrong types
 * and values out of bounds. Null stands for a key not set (a section too); a list entry must not be
 * null. {@link ImportConfigParser} turns it into an {@link ImportConfig}, defaults filled in. The
 * configuration table of docs/configuration.md documents each key.
 */
record ConfigYaml(
    @JsonSetter(contentNulls = Nulls.FAIL) List<AllowedRegistryYaml> allowedRegistriesForImport,
    RegistrySourcesYaml registrySources,
    AdditionalTrustedCaYaml additionalTrustedCA,
    ImportMode imageStreamImportMode,
    String internalRegistryHostname,
    List<String> externalRegistryHostnames,
    ImageImportYaml imageImport,
    Platform defaultPlatform,
    @Between(min = 1, max = 1000) Integer historyLimit,
    @Between(min = 1024, max = 256 * 1024) Integer maxImageMetadataBytes,
    NamespaceNames privilegedNamespaces,
    RegistryLimitsYaml registryLimits) {

  /** An entry of {@code allowedRegistriesForImport}. */
  record AllowedRegistryYaml(@Required DomainName domainName, Boolean insecure) {}

  /**
   * {@code registrySources}. {@code allowedRegistries} is accepted and, as in OpenShift, does not
   * affect imports.
   */
  record RegistrySourcesYaml(
      RegistryPatterns insecureRegistries,
      RegistryPatterns blockedRegistries,
      JsonNode allowedRegistries) {}

  /** {@code additionalTrustedCA}: a ConfigMap of the operator's namespace. */
  record AdditionalTrustedCaYaml(String name) {}

  /** {@code imageImport}: scheduled checks. */
  record ImageImportYaml(
      @Between(min = 1) Long scheduledImageImportMinimumIntervalSeconds,
      @Between(min = 1, max = 1_000_000, noCap = -1) Integer maxScheduledImageImportsPerMinute,
      Boolean disableScheduledImport) {}

  /** {@code registryLimits}: politeness towards any host, and towards particular hosts. */
  record RegistryLimitsYaml(
      @JsonProperty("default") LimitsYaml defaults, Map<String, LimitsYaml> hosts) {}

  /** One host's limits; a key not set falls back. */
  record LimitsYaml(
      @Positive Double requestsPerSecond,
      @Between(min = 1, max = 100_000) Integer burst,
      @Between(min = 1, max = 1024) Integer maxConcurrent) {

    /** These limits, each key not set taken from {@code fallback}. */
    RegistryLimits over(RegistryLimits fallback) {
      return new RegistryLimits(
          requestsPerSecond == null ? fallback.requestsPerSecond() : requestsPerSecond,
          burst == null ? fallback.burst() : burst,
          maxConcurrent == null ? fallback.maxConcurrent() : maxConcurrent);
    }
  }
}
