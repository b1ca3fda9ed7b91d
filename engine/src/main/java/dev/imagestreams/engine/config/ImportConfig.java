package dev.imagestreams.engine.config;

import static dev.imagestreams.engine.config.Check.between;
import static dev.imagestreams.engine.config.Check.or;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.imagestreams.registry.ImportMode;
import dev.imagestreams.registry.http.TrustedCas;
import dev.imagestreams.registry.manifest.Platform;
import dev.imagestreams.registry.reference.RegistryPatterns;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The cluster-wide import configuration, the document {@code config.yaml} as written: each key is
 * declared once, here, with its type, its default (a key not set, or set to null, takes it) and its
 * bounds (checked by the constructors, which name the key). OpenShift's image config ({@code
 * config.openshift.io/v1 Image}) and image import controller settings, plus this operator's
 * additions; docs/configuration.md documents each key, and a test holds the two together.
 * Immutable; {@link ImportConfigParser} reads it strictly.
 *
 * @param allowedRegistriesForImport registries tags may import from; empty allows all
 * @param registrySources insecure and blocked registries
 * @param additionalTrustedCA extra CA certificates for registry TLS, from a ConfigMap
 * @param imageStreamImportMode the import mode of tags that do not set one
 * @param internalRegistryHostname sets {@code status.dockerImageRepository}, if set
 * @param externalRegistryHostnames the first sets {@code status.publicDockerImageRepository}
 * @param imageImport the scheduled checks
 * @param defaultPlatform the platform {@code Legacy} prefers after the tag's annotations, or null
 * @param historyLimit the most history items kept per tag
 * @param statusImageMetadata how much of each current image {@code status.images} keeps
 * @param maxImageMetadataBytes the size bound of one image's full metadata in the status
 * @param privilegedNamespaces namespaces refused besides the built-in list
 * @param registryLimits politeness towards registry hosts
 * @param imageChangeTriggers the controller of the {@code image.openshift.io/triggers} annotation
 * @param imageLookup image reference resolution ({@code lookupPolicy.local}, {@code resolve-names})
 */
public record ImportConfig(
    @JsonSetter(contentNulls = Nulls.FAIL) List<AllowedRegistry> allowedRegistriesForImport,
    RegistrySources registrySources,
    AdditionalTrustedCA additionalTrustedCA,
    ImportMode imageStreamImportMode,
    String internalRegistryHostname,
    List<String> externalRegistryHostnames,
    ImageImport imageImport,
    Platform defaultPlatform,
    Integer historyLimit,
    StatusImageMetadata statusImageMetadata,
    Integer maxImageMetadataBytes,
    NamespaceNames privilegedNamespaces,
    RegistryLimits.ByHost registryLimits,
    ImageChangeTriggers imageChangeTriggers,
    ImageLookup imageLookup) {

  private static final ImportConfig DEFAULTS =
      new ImportConfig(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  public ImportConfig {
    allowedRegistriesForImport = List.copyOf(or(allowedRegistriesForImport, List.of()));
    for (int i = 0; i < allowedRegistriesForImport.size(); i++) {
      Check.required(
          "allowedRegistriesForImport[" + i + "].domainName",
          allowedRegistriesForImport.get(i).domainName());
    }
    registrySources = or(registrySources, RegistrySources.NONE);
    additionalTrustedCA = or(additionalTrustedCA, AdditionalTrustedCA.NONE);
    imageStreamImportMode = or(imageStreamImportMode, ImportMode.LEGACY);
    externalRegistryHostnames = List.copyOf(or(externalRegistryHostnames, List.of()));
    imageImport = or(imageImport, ImageImport.DEFAULTS);
    historyLimit = between("historyLimit", or(historyLimit, 10), 1, 1000);
    statusImageMetadata = or(statusImageMetadata, StatusImageMetadata.SUMMARY);
    maxImageMetadataBytes =
        between("maxImageMetadataBytes", or(maxImageMetadataBytes, 16 * 1024), 1024, 256 * 1024);
    privilegedNamespaces = or(privilegedNamespaces, NamespaceNames.NONE);
    registryLimits = or(registryLimits, RegistryLimits.ByHost.DEFAULTS);
    imageChangeTriggers = or(imageChangeTriggers, ImageChangeTriggers.DEFAULTS);
    imageLookup = or(imageLookup, ImageLookup.DEFAULTS);
  }

  /** The configuration used when no ConfigMap exists: OpenShift's defaults. */
  public static ImportConfig defaults() {
    return DEFAULTS;
  }

  /** The limits that apply to a registry host. */
  public RegistryLimits limitsFor(String registry) {
    return registryLimits.forHost(registry);
  }

  /** {@link #defaultPlatform}, if set. */
  public Optional<Platform> preferredPlatform() {
    return Optional.ofNullable(defaultPlatform);
  }

  /**
   * {@code registrySources}. {@code allowedRegistries} is accepted and, as in OpenShift, does not
   * affect imports.
   *
   * @param insecureRegistries registries reached with plain HTTP or unverified TLS
   * @param blockedRegistries registries never contacted
   * @param allowedRegistries accepted, not used
   */
  public record RegistrySources(
      RegistryPatterns insecureRegistries,
      RegistryPatterns blockedRegistries,
      JsonNode allowedRegistries) {
    static final RegistrySources NONE = new RegistrySources(null, null, null);

    public RegistrySources {
      insecureRegistries = or(insecureRegistries, RegistryPatterns.NONE);
      blockedRegistries = or(blockedRegistries, RegistryPatterns.NONE);
    }
  }

  /**
   * {@code additionalTrustedCA}: a ConfigMap of the operator's namespace whose keys name registries
   * ({@code host}, or {@code host..port}) and whose values are PEM bundles. Bound with its
   * certificates ({@link TrustedCaReader}).
   *
   * @param name the ConfigMap's name, or null for none
   * @param certificates its certificates
   */
  @JsonDeserialize(using = TrustedCaReader.class)
  public record AdditionalTrustedCA(String name, TrustedCas certificates) {
    static final AdditionalTrustedCA NONE = new AdditionalTrustedCA(null, null);

    public AdditionalTrustedCA {
      certificates = or(certificates, TrustedCas.NONE);
    }
  }

  /**
   * {@code imageImport}: scheduled checks.
   *
   * @param scheduledImageImportMinimumIntervalSeconds the cluster-wide interval of scheduled checks
   * @param maxScheduledImageImportsPerMinute the cap of scheduled imports that download a new
   *     digest, per minute; -1 for none (checks of unchanged tags are not counted)
   * @param disableScheduledImport turns scheduled checks off; on-demand imports still work
   */
  public record ImageImport(
      Long scheduledImageImportMinimumIntervalSeconds,
      Integer maxScheduledImageImportsPerMinute,
      Boolean disableScheduledImport) {
    static final ImageImport DEFAULTS = new ImageImport(null, null, null);

    public ImageImport {
      scheduledImageImportMinimumIntervalSeconds =
          Check.atLeast(
              "scheduledImageImportMinimumIntervalSeconds",
              or(scheduledImageImportMinimumIntervalSeconds, 900L),
              1);
      maxScheduledImageImportsPerMinute =
          Check.noCapOrBetween(
              "maxScheduledImageImportsPerMinute",
              or(maxScheduledImageImportsPerMinute, 60),
              1,
              1_000_000);
      disableScheduledImport = or(disableScheduledImport, false);
    }

    /** The interval as a duration. */
    public Duration scheduledInterval() {
      return Duration.ofSeconds(scheduledImageImportMinimumIntervalSeconds);
    }
  }

  /**
   * {@code imageChangeTriggers}: the controller that rolls Deployments, StatefulSets, DaemonSets
   * and CronJobs out when the stream tags their {@code image.openshift.io/triggers} annotation
   * follows move (docs/triggers.md). Read at start: switching it takes a restart, as its RBAC rules
   * come and go with it.
   *
   * @param enabled whether the controller runs
   */
  public record ImageChangeTriggers(Boolean enabled) {
    static final ImageChangeTriggers DEFAULTS = new ImageChangeTriggers(null);

    public ImageChangeTriggers {
      enabled = or(enabled, true);
    }
  }

  /**
   * {@code imageLookup}: image reference resolution by the operator's admission webhook (see
   * docs/image-lookup.md).
   *
   * @param enabled false turns resolution off: the operator lets the API server call its webhook in
   *     no namespace, so short names are pulled as written, as on any cluster without the operator
   */
  public record ImageLookup(Boolean enabled) {
    static final ImageLookup DEFAULTS = new ImageLookup(null);

    public ImageLookup {
      enabled = or(enabled, true);
    }
  }
}
