package dev.imagestreams.engine.planning;

import dev.imagestreams.engine.config.AllowedRegistry;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.registry.reference.HostPort;
import dev.imagestreams.registry.reference.ImageReference;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The cluster's registry policy for imports, as OpenShift applies it: {@code
 * allowedRegistriesForImport} (empty allows everything; the internal registry is always allowed),
 * {@code blockedRegistries}, and when access may be insecure.
 */
public final class RegistryAccessPolicy {
  /** The stream annotation that makes every tag of the stream insecure. */
  public static final String INSECURE_REPOSITORY_ANNOTATION =
      "openshift.io/image.insecureRepository";

  private static final int LISTED_ENTRIES = 5;

  private RegistryAccessPolicy() {}

  /** Why the image may not be imported, if it may not. */
  public static Optional<String> refusal(ImageReference image, ImportConfig config) {
    if (config.registrySources().blockedRegistries().match(image).isPresent()) {
      return Optional.of("registry " + image.registry() + " blocked");
    }
    List<AllowedRegistry> allowed = config.allowedRegistriesForImport();
    if (allowed.isEmpty()) {
      return Optional.empty();
    }
    if (config.internalRegistryHostname() != null
        && config.internalRegistryHostname().equalsIgnoreCase(image.registry())) {
      return Optional.empty();
    }
    for (AllowedRegistry entry : allowed) {
      if (matches(entry, image.registry())) {
        return Optional.empty();
      }
    }
    StringBuilder sb =
        new StringBuilder("registry \"")
            .append(image.registry())
            .append("\" is not allowed by allowedRegistriesForImport: ");
    for (int i = 0; i < Math.min(LISTED_ENTRIES, allowed.size()); i++) {
      sb.append(i == 0 ? "" : ", ").append('"').append(allowed.get(i).domainName()).append('"');
    }
    if (allowed.size() > LISTED_ENTRIES) {
      sb.append(" and ").append(allowed.size() - LISTED_ENTRIES).append(" more");
    }
    return Optional.of(sb.toString());
  }

  /**
   * Whether the registry may be reached with plain HTTP or unverified TLS: the tag asks for it, the
   * stream is annotated {@code openshift.io/image.insecureRepository: "true"}, or the registry is
   * listed in {@code registrySources.insecureRegistries}.
   */
  public static boolean insecure(
      ImageReference image, boolean tagInsecure, boolean streamInsecure, ImportConfig config) {
    return tagInsecure
        || streamInsecure
        || config.registrySources().insecureRegistries().match(image).isPresent();
  }

  /**
   * OpenShift's matching: a domain without a port matches ports 443 and (for an insecure entry) 80
   * and no port; {@code *.} matches any subdomain; {@code :*} any port; Docker Hub aliases match.
   */
  static boolean matches(AllowedRegistry entry, String registry) {
    HostPort entryHostPort = HostPort.parse(entry.domainName().toLowerCase(Locale.ROOT));
    String entryHost = entryHostPort.host();
    String entryPort = entryHostPort.port();
    HostPort hostPort = HostPort.parse(registry);
    String host = hostPort.host();
    String port = hostPort.port();
    boolean hostMatches =
        entryHost.startsWith("*.")
            ? host.endsWith(entryHost.substring(1))
            : ImageReference.canonicalRegistry(entryHost)
                .equals(ImageReference.canonicalRegistry(host));
    if (!hostMatches) {
      return false;
    }
    if ("*".equals(entryPort)) {
      return true;
    }
    if (port == null) {
      return entryPort == null
          || entryPort.equals("443")
          || (entryPort.equals("80") && entry.insecure());
    }
    if (entryPort == null) {
      return port.equals("443") || (port.equals("80") && entry.insecure());
    }
    return entryPort.equals(port);
  }
}
