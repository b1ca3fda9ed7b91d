package dev.imagestreams.operator.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real kube-apiserver and etcd started by fabric8 kube-api-test, offline: it uses the binaries in
 * {@code $KUBE_API_TEST_DIR} (default {@code ~/.kubeapitest}) under {@code
 * k8s/<version>-linux-amd64/{etcd,kube-apiserver,kubectl}}. See the README.
 */
public final class RealApiServer extends ClientPair {
  private final KubeAPIServer server;

  private RealApiServer(Path dir) {
    server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(dir.toString())
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .build());
    server.start();
    Config config = Config.fromKubeconfig(server.getKubeConfigYaml());
    clients(
        counter -> new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("count", counter))
            .build(),
        new KubernetesClientBuilder().withConfig(config).build());
  }

  /** The directory holding kube-api-test's binaries, if they are there. */
  public static Optional<Path> binaries() {
    String configured = System.getenv("KUBE_API_TEST_DIR");
    Path dir = configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".kubeapitest");
    Path k8s = dir.resolve("k8s");
    if (!Files.isDirectory(k8s)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(k8s)) {
      boolean present = versions.anyMatch(v -> Files.isExecutable(v.resolve("kube-apiserver")) && Files.isExecutable(v.resolve("etcd")));
      return present ? Optional.of(dir) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether a real API server can be started here. */
  public static boolean available() {
    return binaries().isPresent();
  }

  public static RealApiServer start() {
    return new RealApiServer(binaries().orElseThrow(() -> new IllegalStateException("kube-api-test binaries not found")));
  }

  @Override
  public boolean serverSideApply() {
    return true;
  }

  @Override
  public void close() {
    closeClients();
    server.stop();
  }
}
