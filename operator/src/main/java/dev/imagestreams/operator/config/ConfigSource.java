package dev.imagestreams.operator.config;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.ImportConfigParser;
import dev.imagestreams.engine.config.InvalidConfigException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster configuration, read from a ConfigMap of the operator's namespace (key {@value #KEY})
 * and watched: a valid change applies without a restart; an invalid one is logged and the last
 * valid configuration stays. A ConfigMap without the key {@value #KEY} is invalid ({@link
 * ConfigDocument}). Only a missing ConfigMap means the defaults, and that is logged once each time
 * it goes missing.
 */
public final class ConfigSource implements AutoCloseable {
  public static final String KEY = "config.yaml";

  /** The ConfigMap's name unless {@code CONFIG_MAP_NAME} says otherwise. */
  public static final String DEFAULT_NAME = "imagestream-operator-config";

  private static final Logger LOG = LoggerFactory.getLogger(ConfigSource.class);

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final ImportConfigParser parser;
  private final CopyOnWriteArrayList<Consumer<ImportConfig>> listeners =
      new CopyOnWriteArrayList<>();
  private volatile ImportConfig current;
  private volatile boolean missing;
  private SharedIndexInformer<ConfigMap> informer;

  /**
   * A configuration read, and whether it came from the ConfigMap (else the ConfigMap is missing).
   */
  private record Read(ImportConfig config, boolean fromConfigMap) {}

  public ConfigSource(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.parser = new ImportConfigParser(this::configMapData);
  }

  /** Reads the configuration once; invalid configuration is an error naming the bad key. */
  public ImportConfig load() throws InvalidConfigException {
    Read read = read();
    noteMissing(read);
    current = read.config();
    return current;
  }

  public ImportConfig current() {
    return current;
  }

  /** Calls the listener with every valid new configuration. */
  public void onChange(Consumer<ImportConfig> listener) {
    listeners.add(listener);
  }

  /** Starts watching the operator namespace's ConfigMaps. */
  public void watch() {
    informer =
        client
            .configMaps()
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ConfigMap obj) {
                    changed(obj);
                  }

                  @Override
                  public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                    changed(newObj);
                  }

                  @Override
                  public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                    changed(obj);
                  }
                },
                0L);
  }

  private void changed(ConfigMap map) {
    String changedName = map.getMetadata().getName();
    ImportConfig before = current;
    if (!changedName.equals(name)
        && (before == null || !changedName.equals(before.additionalTrustedCA().name()))) {
      return;
    }
    try {
      Read read = read();
      noteMissing(read);
      ImportConfig next = read.config();
      if (!Objects.equals(next, before)) {
        current = next;
        if (read.fromConfigMap()) {
          LOG.info("configuration from ConfigMap {}/{} changed; applying it", namespace, name);
        }
        listeners.forEach(l -> l.accept(next));
      }
    } catch (InvalidConfigException e) {
      LOG.error(
          "invalid configuration in ConfigMap {}/{}, keeping the previous one: {}",
          namespace,
          name,
          e.getMessage());
    }
  }

  private Read read() throws InvalidConfigException {
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
    if (map == null) {
      return new Read(ImportConfig.defaults(), false);
    }
    String document =
        ConfigDocument.of(
            namespace + "/" + name, orEmpty(map.getData()), orEmpty(map.getBinaryData()));
    return new Read(parser.parse(document), true);
  }

  /**
   * Logs, once each time it goes missing, that the ConfigMap does not exist and the defaults apply.
   */
  private void noteMissing(Read read) {
    boolean wasMissing = missing;
    missing = !read.fromConfigMap();
    if (missing && !wasMissing) {
      LOG.info("ConfigMap {}/{} not found; using the default configuration", namespace, name);
    }
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  private Optional<Map<String, String>> configMapData(String configMap) {
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(configMap).get();
    if (map == null) {
      return Optional.empty();
    }
    return Optional.of(orEmpty(map.getData()));
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
  }
}
