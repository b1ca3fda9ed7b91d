package dev.imagestreams.plugin.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the one Kubernetes client a verb uses, from the kubeconfig as kubectl reads it: {@code
 * --kubeconfig}, else {@code KUBECONFIG}, else {@code ~/.kube/config}, else the in-cluster service
 * account. No informers, no watches: each verb makes one or two requests.
 */
public final class KubeClients {
  /** The client and the namespace the verb works in. */
  public record Session(KubernetesClient client, String namespace) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }

  private KubeClients() {}

  public static Session open(ClusterOptions options) {
    Config config;
    if (options.kubeconfig != null) {
      Path file = Path.of(options.kubeconfig);
      if (!Files.isReadable(file)) {
        throw new CommandFailure("the kubeconfig " + file + " does not exist or cannot be read");
      }
      try {
        config = Config.fromKubeconfig(options.context, Files.readString(file), file.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      config = Config.autoConfigure(options.context);
    }
    // one attempt per request: a verb reports an unreachable API server at once instead of
    // retrying with backoff
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(5_000);
    // HTTP/1.1: over HTTP/2 the API server closes the connection of a client it does not
    // authenticate, and the client would report the closed connection instead of the 401
    config.setHttp2Disable(true);
    String namespace =
        options.namespace != null
            ? options.namespace
            : config.getNamespace() != null ? config.getNamespace() : "default";
    return new Session(new KubernetesClientBuilder().withConfig(config).build(), namespace);
  }
}
