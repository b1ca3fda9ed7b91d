package dev.imagestreams.benchmarks;

import dev.imagestreams.testinfra.registry.DistributionRegistry;
import dev.imagestreams.testinfra.registry.ImagePusher;
import dev.imagestreams.testinfra.registry.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times {@code kubectl-imagestream} end to end, as a user runs it: a new process per run, wall
 * clock from start to exit. Four ways of starting: {@code java -jar} without flags, the launcher
 * without class-data sharing, the launcher's first run (it writes the archive from its training run
 * first) and the launcher with its archive.
 *
 * <p>By default it times {@code resolve} of one stream against a local distribution registry it
 * starts. {@code -Dcommand="describe is/python -n team"} times any other command line instead
 * (against the cluster of {@code KUBECONFIG}); {@code -Druns=N} sets the runs per way (default 10).
 */
public final class PluginStartupBenchmark {
  private record Way(String name, boolean launcher, Map<String, String> env, boolean freshCache) {}

  /** One run: wall clock and, where {@code /usr/bin/time} exists, user + system CPU time. */
  private record Sample(double wallMs, double cpuMs) {}

  private static final Path TIME = Path.of("/usr/bin/time");

  public static void main(String[] args) throws Exception {
    Path launcher = Path.of(System.getProperty("launcher")).toAbsolutePath();
    Path jar = Path.of(System.getProperty("jar")).toAbsolutePath();
    int runs = Integer.getInteger("runs", 10);
    String command = System.getProperty("command", "").trim();
    Path work = Files.createTempDirectory("plugin-bench");
    DistributionRegistry registry = null;
    try {
      List<String> arguments;
      String what;
      if (command.isEmpty()) {
        registry = DistributionRegistry.anonymous().start();
        new ImagePusher(registry.baseUri()).pushOciImage("bench/app", "1", Platform.LINUX_AMD64);
        Path stream = work.resolve("app.yaml");
        Files.writeString(
            stream,
            """
            apiVersion: image.openshift.io/v1
            kind: ImageStream
            metadata: {name: app}
            spec:
              tags:
              - {name: "1", from: {kind: DockerImage, name: "%s/bench/app:1"}}
            """
                .formatted(registry.host()));
        arguments =
            List.of("resolve", "-f", stream.toString(), "--insecure-registry", registry.host());
        what = "resolve of one stream (one tag) against the local distribution registry";
      } else {
        arguments = List.of(command.split("\\s+"));
        what = command;
      }
      List<Way> ways =
          List.of(
              new Way("java -jar, no flags", false, Map.of(), false),
              new Way("launcher, no CDS", true, Map.of("KUBECTL_IMAGESTREAM_CDS", "false"), false),
              new Way("launcher, first run (trains and writes the archive)", true, Map.of(), true),
              new Way("launcher, with the archive", true, Map.of(), false));
      Map<Way, List<Sample>> times = new java.util.LinkedHashMap<>();
      ways.forEach(w -> times.put(w, new ArrayList<>()));
      Path cache = work.resolve("cache");
      // one warm-up of each way (file cache), then the runs interleaved
      for (int round = -1; round < runs; round++) {
        for (Way way : ways) {
          if (way.freshCache()) {
            deleteTree(cache);
          }
          Sample sample = run(way, launcher, jar, arguments, cache, work);
          if (round >= 0) {
            times.get(way).add(sample);
          }
        }
      }
      StringBuilder report = new StringBuilder();
      report
          .append("## kubectl-imagestream: ")
          .append(what)
          .append(" (")
          .append(runs)
          .append(" runs per way, interleaved; ")
          .append(Runtime.version())
          .append(")\n\n| way | wall, median | wall, min | CPU (user + sys), median |\n")
          .append("|---|---|---|---|\n");
      times.forEach(
          (way, list) -> {
            List<Double> wall = new ArrayList<>(list.stream().map(Sample::wallMs).toList());
            List<Double> cpu = new ArrayList<>(list.stream().map(Sample::cpuMs).toList());
            Collections.sort(wall);
            Collections.sort(cpu);
            report.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %.0f ms | %.0f ms | %s |%n",
                    way.name(),
                    wall.get(wall.size() / 2),
                    wall.get(0),
                    cpu.get(0) < 0
                        ? "n/a"
                        : String.format(Locale.ROOT, "%.0f ms", cpu.get(cpu.size() / 2))));
          });
      report.append(
          "\nLoad average while measuring: "
              + String.format(
                  Locale.ROOT,
                  "%.1f",
                  java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                      .getSystemLoadAverage())
              + " on "
              + Runtime.getRuntime().availableProcessors()
              + " CPUs\n");
      System.out.println(report);
    } finally {
      if (registry != null) {
        registry.close();
      }
      deleteTree(work);
    }
  }

  private static Sample run(
      Way way, Path launcher, Path jar, List<String> arguments, Path cache, Path work)
      throws Exception {
    List<String> command = new ArrayList<>();
    Path cpu = work.resolve("cpu.txt");
    boolean timed = Files.isExecutable(TIME);
    if (timed) {
      command.addAll(List.of(TIME.toString(), "-q", "-f", "%U %S", "-o", cpu.toString()));
    }
    if (way.launcher()) {
      command.add(launcher.toString());
    } else {
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-jar");
      command.add(jar.toString());
    }
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("XDG_CACHE_HOME", cache.toString());
    builder.environment().put("KUBECTL_IMAGESTREAM_JAR", jar.toString());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(way.env());
    builder.redirectOutput(work.resolve("out.txt").toFile());
    builder.redirectError(work.resolve("err.txt").toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    int exit = process.waitFor();
    double ms = (System.nanoTime() - start) / 1e6;
    if (exit != 0) {
      throw new IllegalStateException(
          way.name() + ": exit " + exit + ": " + Files.readString(work.resolve("err.txt")).strip());
    }
    if (!timed) {
      return new Sample(ms, -1);
    }
    String[] userSystem = Files.readString(cpu).trim().split("\\s+");
    return new Sample(
        ms, (Double.parseDouble(userSystem[0]) + Double.parseDouble(userSystem[1])) * 1000);
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
