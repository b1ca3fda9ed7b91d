package dev.imagestreams.engine.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.imagestreams.engine.config.ConfigYaml.AllowedRegistryYaml;
import dev.imagestreams.engine.config.ConfigYaml.ImageImportYaml;
import dev.imagestreams.engine.config.ConfigYaml.LimitsYaml;
import dev.imagestreams.engine.config.ConfigYaml.RegistryLimitsYaml;
import dev.imagestreams.engine.config.ConfigYaml.RegistrySourcesYaml;
import dev.imagestreams.registry.http.TrustSettings;
import dev.imagestreams.registry.http.TrustedCas;
import dev.imagestreams.registry.reference.ImageReference;
import dev.imagestreams.registry.reference.RegistryPatterns;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads the operator's configuration document (YAML) strictly: it is bound to {@link ConfigYaml} by
 * {@link StrictYaml}, so unknown keys, wrong types and out-of-range values are errors whose message
 * names the key, and a typo never silently falls back to a default. Keys not set take {@link
 * ImportConfig#defaults()}.
 */
public final class ImportConfigParser {
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
  private final StrictYaml binder = new StrictYaml();
  private final Function<String, Optional<Map<String, String>>> configMaps;

  /**
   * @param configMaps reads a ConfigMap of the operator's namespace by name (for {@code
   *     additionalTrustedCA}); empty when it does not exist
   */
  public ImportConfigParser(Function<String, Optional<Map<String, String>>> configMaps) {
    this.configMaps = configMaps;
  }

  /** Parses the document; an empty document gives the defaults. */
  public ImportConfig parse(String document) throws InvalidConfigException {
    JsonNode root;
    try {
      root = document == null || document.isBlank() ? null : yaml.readTree(document);
    } catch (JacksonException e) {
      throw new InvalidConfigException(
          "configuration is not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidConfigException("configuration cannot be read: " + e.getMessage());
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return ImportConfig.defaults();
    }
    return toConfig(binder.bind(root, ConfigYaml.class));
  }

  private ImportConfig toConfig(ConfigYaml doc) throws InvalidConfigException {
    ImportConfig d = ImportConfig.defaults();
    RegistrySourcesYaml sources =
        or(doc.registrySources(), new RegistrySourcesYaml(null, null, null));
    ImageImportYaml imageImport = or(doc.imageImport(), new ImageImportYaml(null, null, null));
    String caName = doc.additionalTrustedCA() == null ? null : doc.additionalTrustedCA().name();
    RegistryLimitsYaml limits = or(doc.registryLimits(), new RegistryLimitsYaml(null, null));
    RegistryLimits defaultLimits =
        limits.defaults() == null
            ? d.defaultRegistryLimits()
            : limits.defaults().over(d.defaultRegistryLimits());
    return new ImportConfig(
        or(doc.allowedRegistriesForImport(), List.<AllowedRegistryYaml>of()).stream()
            .map(a -> new AllowedRegistry(a.domainName().value(), or(a.insecure(), false)))
            .toList(),
        or(sources.insecureRegistries(), RegistryPatterns.NONE),
        or(sources.blockedRegistries(), RegistryPatterns.NONE),
        caName == null ? TrustedCas.NONE : certificates(caName),
        caName,
        or(doc.imageStreamImportMode(), d.importMode()),
        Optional.ofNullable(doc.defaultPlatform()),
        or(doc.historyLimit(), d.historyLimit()),
        or(doc.maxImageMetadataBytes(), d.maxImageMetadataBytes()),
        doc.privilegedNamespaces() == null ? Set.of() : doc.privilegedNamespaces().names(),
        doc.internalRegistryHostname(),
        or(doc.externalRegistryHostnames(), List.of()),
        imageImport.scheduledImageImportMinimumIntervalSeconds() == null
            ? d.scheduledInterval()
            : Duration.ofSeconds(imageImport.scheduledImageImportMinimumIntervalSeconds()),
        or(imageImport.maxScheduledImageImportsPerMinute(), d.maxScheduledImportsPerMinute()),
        or(imageImport.disableScheduledImport(), d.disableScheduledImport()),
        defaultLimits,
        hostLimits(or(limits.hosts(), Map.of()), defaultLimits));
  }

  /** Each host's limits, by canonical registry name, falling back to the default limits. */
  private static Map<String, RegistryLimits> hostLimits(
      Map<String, LimitsYaml> hosts, RegistryLimits defaults) {
    Map<String, RegistryLimits> out = new TreeMap<>();
    hosts.forEach(
        (host, limits) ->
            out.put(
                ImageReference.canonicalRegistry(host),
                limits == null ? defaults : limits.over(defaults)));
    return out;
  }

  /**
   * The CAs of the {@code additionalTrustedCA} ConfigMap: each key names the registry its CAs are
   * trusted for, in OpenShift's form ({@code host}, or {@code host..port} as a ConfigMap key cannot
   * hold a colon), and each value is a PEM bundle.
   */
  private TrustedCas certificates(String name) throws InvalidConfigException {
    Map<String, String> data =
        configMaps
            .apply(name)
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        "additionalTrustedCA.name: ConfigMap \""
                            + name
                            + "\" does not exist in the operator's namespace"));
    Map<TrustedCas.Endpoint, List<X509Certificate>> out = new HashMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
      String where =
          "additionalTrustedCA: key \"" + e.getKey() + "\" of ConfigMap \"" + name + "\"";
      TrustedCas.Endpoint registry;
      try {
        registry = TrustedCas.Endpoint.parse(e.getKey().replace("..", ":"));
      } catch (IllegalArgumentException ex) {
        throw new InvalidConfigException(where + " does not name a registry (host, or host..port)");
      }
      if (out.containsKey(registry)) {
        throw new InvalidConfigException(where + " names the same registry as another key");
      }
      try {
        out.put(registry, TrustSettings.parsePem(e.getValue()));
      } catch (CertificateException ex) {
        throw new InvalidConfigException(where + " is not a PEM certificate bundle");
      }
    }
    return new TrustedCas(out);
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
