package dev.imagestreams.operator.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.imagestreams.registry.ImportMode;
import dev.imagestreams.registry.http.TrustSettings;
import dev.imagestreams.registry.http.TrustedCas;
import dev.imagestreams.registry.manifest.Platform;
import dev.imagestreams.registry.reference.ImageReference;
import dev.imagestreams.registry.reference.RegistryPatterns;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the operator's configuration document (YAML) strictly: unknown keys, wrong types and
 * out-of-range values are errors whose message names the key, so a typo never silently falls back
 * to a default.
 */
public final class ImportConfigParser {
  private static final Set<String> TOP_LEVEL =
      Set.of(
          "allowedRegistriesForImport",
          "registrySources",
          "additionalTrustedCA",
          "imageStreamImportMode",
          "internalRegistryHostname",
          "externalRegistryHostnames",
          "imageImport",
          "defaultPlatform",
          "historyLimit",
          "maxImageMetadataBytes",
          "privilegedNamespaces",
          "registryLimits");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
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
    requireObject(root, "the configuration");
    checkKeys(root, TOP_LEVEL, "");
    ImportConfig d = ImportConfig.defaults();

    JsonNode sources = root.path("registrySources");
    if (!sources.isMissingNode()) {
      requireObject(sources, "registrySources");
      checkKeys(
          sources,
          Set.of("insecureRegistries", "blockedRegistries", "allowedRegistries"),
          "registrySources.");
    }
    RegistryPatterns insecure =
        patterns(sources.path("insecureRegistries"), "registrySources.insecureRegistries");
    RegistryPatterns blocked =
        patterns(sources.path("blockedRegistries"), "registrySources.blockedRegistries");

    String caName = null;
    TrustedCas cas = TrustedCas.NONE;
    JsonNode ca = root.path("additionalTrustedCA");
    if (!ca.isMissingNode()) {
      requireObject(ca, "additionalTrustedCA");
      checkKeys(ca, Set.of("name"), "additionalTrustedCA.");
      caName = string(ca.path("name"), "additionalTrustedCA.name", null);
      if (caName != null) {
        cas = certificates(caName);
      }
    }

    JsonNode imageImport = root.path("imageImport");
    if (!imageImport.isMissingNode()) {
      requireObject(imageImport, "imageImport");
      checkKeys(
          imageImport,
          Set.of(
              "scheduledImageImportMinimumIntervalSeconds",
              "maxScheduledImageImportsPerMinute",
              "disableScheduledImport"),
          "imageImport.");
    }
    long interval =
        integer(
            imageImport.path("scheduledImageImportMinimumIntervalSeconds"),
            "imageImport.scheduledImageImportMinimumIntervalSeconds",
            d.scheduledInterval().toSeconds());
    if (interval < 1) {
      throw new InvalidConfigException(
          "imageImport.scheduledImageImportMinimumIntervalSeconds: must be at least 1");
    }
    long maxPerMinute =
        integer(
            imageImport.path("maxScheduledImageImportsPerMinute"),
            "imageImport.maxScheduledImageImportsPerMinute",
            d.maxScheduledImportsPerMinute());
    if (maxPerMinute == 0 || maxPerMinute < -1 || maxPerMinute > 1_000_000) {
      throw new InvalidConfigException(
          "imageImport.maxScheduledImageImportsPerMinute: must be -1 (no cap) or between 1 and 1000000");
    }

    String mode = string(root.path("imageStreamImportMode"), "imageStreamImportMode", null);
    ImportMode importMode;
    try {
      importMode = ImportMode.fromValue(mode, ImportMode.LEGACY);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("imageStreamImportMode: " + e.getMessage());
    }

    Optional<Platform> platform = Optional.empty();
    String platformText = string(root.path("defaultPlatform"), "defaultPlatform", null);
    if (platformText != null) {
      try {
        platform = Optional.of(Platform.parse(platformText));
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException("defaultPlatform: " + e.getMessage());
      }
    }

    long history = integer(root.path("historyLimit"), "historyLimit", d.historyLimit());
    if (history < 1 || history > 1000) {
      throw new InvalidConfigException("historyLimit: must be between 1 and 1000");
    }
    long metadataBytes =
        integer(
            root.path("maxImageMetadataBytes"), "maxImageMetadataBytes", d.maxImageMetadataBytes());
    if (metadataBytes < 1024 || metadataBytes > 256 * 1024) {
      throw new InvalidConfigException("maxImageMetadataBytes: must be between 1024 and 262144");
    }

    Set<String> privileged = new LinkedHashSet<>();
    for (String ns : strings(root.path("privilegedNamespaces"), "privilegedNamespaces")) {
      if (!DNS_LABEL.matcher(ns).matches() || ns.length() > 63) {
        throw new InvalidConfigException(
            "privilegedNamespaces: \"" + ns + "\" is not a valid namespace name");
      }
      privileged.add(ns);
    }

    String internal =
        string(root.path("internalRegistryHostname"), "internalRegistryHostname", null);
    List<String> external =
        strings(root.path("externalRegistryHostnames"), "externalRegistryHostnames");

    RegistryLimits defaults = d.defaultRegistryLimits();
    Map<String, RegistryLimits> hosts = new TreeMap<>();
    JsonNode limits = root.path("registryLimits");
    if (!limits.isMissingNode()) {
      requireObject(limits, "registryLimits");
      checkKeys(limits, Set.of("default", "hosts"), "registryLimits.");
      defaults = limits(limits.path("default"), "registryLimits.default", defaults);
      JsonNode hostsNode = limits.path("hosts");
      if (!hostsNode.isMissingNode()) {
        requireObject(hostsNode, "registryLimits.hosts");
        for (Map.Entry<String, JsonNode> e : hostsNode.properties()) {
          String host = ImageReference.canonicalRegistry(e.getKey());
          hosts.put(host, limits(e.getValue(), "registryLimits.hosts." + e.getKey(), defaults));
        }
      }
    }

    return new ImportConfig(
        allowed(root.path("allowedRegistriesForImport")),
        insecure,
        blocked,
        cas,
        caName,
        importMode,
        platform,
        (int) history,
        (int) metadataBytes,
        privileged,
        internal,
        external,
        Duration.ofSeconds(interval),
        (int) maxPerMinute,
        bool(
            imageImport.path("disableScheduledImport"),
            "imageImport.disableScheduledImport",
            false),
        defaults,
        hosts);
  }

  private List<AllowedRegistry> allowed(JsonNode node) throws InvalidConfigException {
    List<AllowedRegistry> out = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new InvalidConfigException("allowedRegistriesForImport: must be a list");
    }
    int i = 0;
    for (JsonNode entry : node) {
      String key = "allowedRegistriesForImport[" + i++ + "]";
      requireObject(entry, key);
      checkKeys(entry, Set.of("domainName", "insecure"), key + ".");
      String domain = string(entry.path("domainName"), key + ".domainName", null);
      if (domain == null || domain.isBlank()) {
        throw new InvalidConfigException(key + ".domainName: is required");
      }
      try {
        RegistryPatterns.parse(List.of(domain));
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException(key + ".domainName: " + e.getMessage());
      }
      out.add(
          new AllowedRegistry(
              domain.trim().toLowerCase(Locale.ROOT),
              bool(entry.path("insecure"), key + ".insecure", false)));
    }
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

  private static RegistryLimits limits(JsonNode node, String key, RegistryLimits fallback)
      throws InvalidConfigException {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    requireObject(node, key);
    checkKeys(node, Set.of("requestsPerSecond", "burst", "maxConcurrent"), key + ".");
    JsonNode rps = node.path("requestsPerSecond");
    double rate = fallback.requestsPerSecond();
    if (!rps.isMissingNode()) {
      if (!rps.isNumber() || rps.asDouble() <= 0) {
        throw new InvalidConfigException(key + ".requestsPerSecond: must be a positive number");
      }
      rate = rps.asDouble();
    }
    long burst = integer(node.path("burst"), key + ".burst", fallback.burst());
    long concurrent =
        integer(node.path("maxConcurrent"), key + ".maxConcurrent", fallback.maxConcurrent());
    if (burst < 1 || burst > 100_000) {
      throw new InvalidConfigException(key + ".burst: must be between 1 and 100000");
    }
    if (concurrent < 1 || concurrent > 1024) {
      throw new InvalidConfigException(key + ".maxConcurrent: must be between 1 and 1024");
    }
    return new RegistryLimits(rate, (int) burst, (int) concurrent);
  }

  private static RegistryPatterns patterns(JsonNode node, String key)
      throws InvalidConfigException {
    try {
      return RegistryPatterns.parse(strings(node, key));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(key + ": " + e.getMessage());
    }
  }

  private static void requireObject(JsonNode node, String key) throws InvalidConfigException {
    if (!node.isObject()) {
      throw new InvalidConfigException(key + ": must be a mapping");
    }
  }

  private static void checkKeys(JsonNode node, Set<String> allowed, String prefix)
      throws InvalidConfigException {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!allowed.contains(e.getKey())) {
        throw new InvalidConfigException(
            prefix
                + e.getKey()
                + ": unknown key (known keys: "
                + String.join(", ", new TreeSet<>(allowed))
                + ")");
      }
    }
  }

  private static String string(JsonNode node, String key, String fallback)
      throws InvalidConfigException {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isTextual()) {
      throw new InvalidConfigException(key + ": must be a string");
    }
    return node.asText();
  }

  private static long integer(JsonNode node, String key, long fallback)
      throws InvalidConfigException {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isIntegralNumber()) {
      throw new InvalidConfigException(key + ": must be an integer");
    }
    return node.asLong();
  }

  private static boolean bool(JsonNode node, String key, boolean fallback)
      throws InvalidConfigException {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw new InvalidConfigException(key + ": must be true or false");
    }
    return node.asBoolean();
  }

  private static List<String> strings(JsonNode node, String key) throws InvalidConfigException {
    List<String> out = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new InvalidConfigException(key + ": must be a list of strings");
    }
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new InvalidConfigException(key + ": must be a list of strings");
      }
      out.add(item.asText().trim());
    }
    return out;
  }
}
