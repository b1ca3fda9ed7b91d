package dev.imagestreams.operator.credentials;

import dev.imagestreams.registry.auth.CredentialStore;
import dev.imagestreams.registry.auth.DockerConfigParser;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pull credentials of a namespace: its Secrets of type {@code kubernetes.io/dockerconfigjson}
 * and {@code kubernetes.io/dockercfg}, except those annotated {@code
 * openshift.io/image.excludeSecret: "true"}, in name order. Never a Secret of another namespace.
 * Parsed Secrets are cached by resource version until the Secret is deleted ({@link #forget}).
 */
public final class CredentialIndex {
  public static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";
  public static final String DOCKER_CFG = "kubernetes.io/dockercfg";
  public static final String EXCLUDE_ANNOTATION = "openshift.io/image.excludeSecret";

  private static final Logger LOG = LoggerFactory.getLogger(CredentialIndex.class);

  private record Parsed(String secret, String resourceVersion, CredentialStore store) {}

  private final Function<String, List<Secret>> secretsInNamespace;
  private final DockerConfigParser parser = new DockerConfigParser();
  private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

  /**
   * @param secretsInNamespace the Secrets of a namespace (from the informer caches)
   */
  public CredentialIndex(Function<String, List<Secret>> secretsInNamespace) {
    this.secretsInNamespace = secretsInNamespace;
  }

  /** The credentials available to streams of the namespace. */
  public CredentialStore forNamespace(String namespace) {
    List<Secret> secrets = new ArrayList<>(secretsInNamespace.apply(namespace));
    secrets.removeIf(s -> !namespace.equals(s.getMetadata().getNamespace()) || !usable(s));
    if (secrets.isEmpty()) {
      return CredentialStore.EMPTY;
    }
    secrets.sort(Comparator.comparing(s -> s.getMetadata().getName()));
    List<CredentialStore> stores = new ArrayList<>();
    for (Secret secret : secrets) {
      stores.add(parse(secret));
    }
    return CredentialStore.merge(stores);
  }

  /** Whether a Secret is a pull secret the import may use. */
  public static boolean usable(Secret secret) {
    String type = secret.getType();
    if (!DOCKER_CONFIG_JSON.equals(type) && !DOCKER_CFG.equals(type)) {
      return false;
    }
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    return annotations == null || !"true".equals(annotations.get(EXCLUDE_ANNOTATION));
  }

  /** Drops what was parsed from a Secret: called when it is deleted. */
  public void forget(Secret secret) {
    parsed.remove(key(secret));
  }

  /** The Secrets whose parsed credentials are held, as {@code namespace/name}. */
  public Set<String> cachedSecrets() {
    return parsed.values().stream().map(Parsed::secret).collect(Collectors.toUnmodifiableSet());
  }

  private CredentialStore parse(Secret secret) {
    String key = key(secret);
    String version = String.valueOf(secret.getMetadata().getResourceVersion());
    Parsed known = parsed.get(key);
    if (known != null && known.resourceVersion().equals(version)) {
      return known.store();
    }
    CredentialStore store = read(secret);
    Parsed entry = new Parsed(name(secret), version, store);
    parsed.put(key, entry);
    // A Secret deleted while it was parsed: its deletion may have been handled (forget) between the
    // listing and the put above. The informer drops a Secret from its cache before it reports the
    // deletion, so either that report comes after the put, or the Secret is gone from the cache
    // now.
    if (!stillCached(secret, key)) {
      parsed.remove(key, entry);
    }
    return store;
  }

  private boolean stillCached(Secret secret, String key) {
    return secretsInNamespace.apply(secret.getMetadata().getNamespace()).stream()
        .anyMatch(s -> key.equals(key(s)));
  }

  private static String key(Secret secret) {
    return secret.getMetadata().getUid() == null ? name(secret) : secret.getMetadata().getUid();
  }

  private static String name(Secret secret) {
    return secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
  }

  private CredentialStore read(Secret secret) {
    boolean json = DOCKER_CONFIG_JSON.equals(secret.getType());
    String key = json ? ".dockerconfigjson" : ".dockercfg";
    String encoded = secret.getData() == null ? null : secret.getData().get(key);
    if (encoded == null) {
      LOG.warn(
          "pull secret {}/{} has no {} key; ignoring it",
          secret.getMetadata().getNamespace(),
          secret.getMetadata().getName(),
          key);
      return CredentialStore.EMPTY;
    }
    try {
      byte[] content = Base64.getDecoder().decode(encoded.trim());
      return json ? parser.parseDockerConfigJson(content) : parser.parseDockerCfg(content);
    } catch (IllegalArgumentException | DockerConfigParser.InvalidDockerConfigException e) {
      LOG.warn(
          "pull secret {}/{} cannot be read ({}); ignoring it",
          secret.getMetadata().getNamespace(),
          secret.getMetadata().getName(),
          e.getMessage());
      return CredentialStore.EMPTY;
    }
  }
}
