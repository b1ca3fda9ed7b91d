package dev.imagestreams.benchmarks.flux;

import dev.imagestreams.testinfra.KubeControlPlane;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A fresh kube-apiserver and etcd (built by test-infra/build.sh, no audit log) for one tool's run,
 * with an administrator's kubeconfig file for the tool's process. The kubeconfig names the API
 * server's own port: {@link KubeControlPlane}'s stable front port is a forwarder in this JVM, which
 * would add its threads to every request of the tool under test.
 */
final class ControlPlane implements AutoCloseable {
  private final KubeControlPlane plane;
  private final Path kubeconfig;
  private final KubernetesClient admin;
  private final long apiServerPid;
  private final long etcdPid;

  ControlPlane(Path workDir) throws IOException {
    this.plane = KubeControlPlane.startUnaudited();
    this.apiServerPid = pidOf("kube-apiserver");
    this.etcdPid = pidOf("etcd");
    String front = ":" + plane.url().substring(plane.url().lastIndexOf(':') + 1);
    String direct = ":" + securePort(apiServerPid);
    String yaml = plane.adminKubeconfig().replace("127.0.0.1" + front, "127.0.0.1" + direct);
    if (!yaml.contains("127.0.0.1" + direct)) {
      throw new IllegalStateException("the admin kubeconfig does not name 127.0.0.1" + front);
    }
    this.kubeconfig = Files.writeString(workDir.resolve("kubeconfig"), yaml);
    Config config =
        new ConfigBuilder(Config.fromKubeconfig(yaml))
            .withRequestTimeout(120_000)
            .withMaxConcurrentRequests(64)
            .withMaxConcurrentRequestsPerHost(64)
            .build();
    this.admin = new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The administrator's kubeconfig (a client certificate in {@code system:masters}). */
  Path kubeconfig() {
    return kubeconfig;
  }

  KubernetesClient admin() {
    return admin;
  }

  long apiServerPid() {
    return apiServerPid;
  }

  long etcdPid() {
    return etcdPid;
  }

  @Override
  public void close() {
    admin.close();
    plane.close();
  }

  private long pidOf(String binary) {
    return plane
        .pid(binary)
        .orElseThrow(() -> new IllegalStateException("no " + binary + " process found"));
  }

  /** The {@code --secure-port} the API server was started with. */
  private static int securePort(long pid) {
    List<String> args =
        List.of(
            ProcessHandle.of(pid)
                .flatMap(p -> p.info().arguments())
                .orElseThrow(
                    () -> new IllegalStateException("cannot read kube-apiserver's flags")));
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("--secure-port=")) {
        return Integer.parseInt(arg.substring("--secure-port=".length()));
      }
      if (arg.equals("--secure-port") && i + 1 < args.size()) {
        return Integer.parseInt(args.get(i + 1));
      }
    }
    throw new IllegalStateException("kube-apiserver has no --secure-port flag: " + args);
  }
}
