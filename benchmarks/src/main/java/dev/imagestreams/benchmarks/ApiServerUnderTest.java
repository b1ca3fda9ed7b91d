package dev.imagestreams.benchmarks;

import dev.imagestreams.testinfra.KubeControlPlane;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The API server the scale benchmark runs against: fabric8's mock in its own JVM, or a real
 * kube-apiserver and etcd; either way in other processes than the operator, so the operator's heap
 * is measured alone, and the servers' resident memory is read from /proc.
 */
interface ApiServerUnderTest extends AutoCloseable {
  /** A client configuration (cluster administrator). */
  Config config();

  /** Each server process's resident memory, now and at its peak, and what else it reports. */
  Map<String, String> memory();

  @Override
  void close();

  static ApiServerUnderTest mock() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx3g",
                "-cp",
                System.getProperty("java.class.path"),
                MockApiServerMain.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String url = null;
    String line;
    while (url == null && (line = out.readLine()) != null) {
      if (line.startsWith("READY ")) {
        url = line.substring(6);
      }
    }
    if (url == null) {
      throw new IllegalStateException("the mock API server did not start");
    }
    Config config =
        new ConfigBuilder()
            .withMasterUrl(url)
            .withTrustCerts(true)
            .withRequestTimeout(60_000)
            .build();
    return new Running(
        config,
        () -> Map.of("mock API server JVM (-Xmx3g) resident memory (peak)", rss(process.pid())),
        () -> {
          try {
            process.getOutputStream().close(); // it stops when its standard input closes
          } catch (IOException e) {
            // destroyed below anyway
          }
          process.destroy();
        });
  }

  static ApiServerUnderTest real() {
    KubeControlPlane plane = KubeControlPlane.startUnaudited();
    Config config =
        new ConfigBuilder(Config.fromKubeconfig(plane.adminKubeconfig()))
            .withRequestTimeout(60_000)
            .build();
    return new Running(
        config,
        () -> {
          Map<String, String> out = new LinkedHashMap<>();
          for (String binary : new String[] {"kube-apiserver", "etcd"}) {
            out.put(
                binary + " resident memory (peak)",
                plane.pid(binary).map(ApiServerUnderTest::rss).orElse("not found"));
          }
          out.put("kube-apiserver Go heap in use", goHeapInUse(config));
          return out;
        },
        plane::close);
  }

  /** A started server: its client configuration, how to read its memory, how to stop it. */
  record Running(Config config, Supplier<Map<String, String>> memoryReader, Runnable stop)
      implements ApiServerUnderTest {
    @Override
    public Map<String, String> memory() {
      return memoryReader.get();
    }

    @Override
    public void close() {
      stop.run();
    }
  }

  /**
   * What the API server's Go runtime holds on its heap ({@code go_memstats_heap_inuse_bytes} of its
   * /metrics): resident memory also counts what Go has freed but not yet returned to the system.
   */
  static String goHeapInUse(Config config) {
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      return client
          .raw("/metrics")
          .lines()
          .filter(l -> l.startsWith("go_memstats_heap_inuse_bytes "))
          .map(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1)) / (1024 * 1024))
          .map(m -> m + " MiB")
          .findFirst()
          .orElse("not reported");
    } catch (RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  /** VmRSS and VmHWM (peak) of a process, from /proc. */
  static String rss(long pid) {
    try {
      Map<String, String> status = new LinkedHashMap<>();
      for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        int colon = l.indexOf(':');
        if (colon > 0) {
          status.put(l.substring(0, colon), l.substring(colon + 1).trim());
        }
      }
      return mib(status.get("VmRSS")) + " (" + mib(status.get("VmHWM")) + ")";
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static String mib(String kilobytes) {
    return Optional.ofNullable(kilobytes)
        .map(k -> Long.parseLong(k.replace("kB", "").trim()) / 1024 + " MiB")
        .orElse("?");
  }
}
