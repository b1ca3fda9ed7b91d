package dev.imagestreams.benchmarks.flux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the side-by-side run does, from system properties (the {@code bench-flux} profile passes
 * them on from {@code -Dbench.…}).
 *
 * @param n how many references: N repositories with one tag each, N objects per tool
 * @param interval the scan interval of both tools
 * @param cycles how many unchanged cycles (one interval each) are measured
 * @param tools which runs, in order: {@code flux}, {@code operator} (the shipped configuration),
 *     {@code operator-config} (the configuration of {@code bench.operatorConfig})
 * @param operatorConfig a configuration for the {@code operator-config} run, if given
 * @param readyTimeout how long a tool may take until every object is ready
 * @param idleWindow how long the API server and etcd are measured with the objects and no
 *     controller, for their idle CPU
 * @param repository the repository's root (for deploy/ and test-infra/)
 * @param report where the markdown table is written
 */
record BenchSettings(
    int n,
    Duration interval,
    int cycles,
    List<String> tools,
    Optional<Path> operatorConfig,
    Duration readyTimeout,
    Duration idleWindow,
    Path repository,
    Path report) {
  static final String FLUX = "flux";
  static final String OPERATOR = "operator";
  static final String OPERATOR_CONFIG = "operator-config";

  static BenchSettings fromSystemProperties() {
    Path repository = Path.of(System.getProperty("bench.repository", "..")).toAbsolutePath();
    // a relative path is the repository's, as the documented command line writes it
    Optional<Path> config =
        Optional.ofNullable(System.getProperty("bench.operatorConfig"))
            .filter(s -> !s.isBlank())
            .map(s -> repository.resolve(s).normalize());
    List<String> tools =
        new ArrayList<>(
            Arrays.stream(System.getProperty("bench.tools", "").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList());
    if (tools.isEmpty()) {
      tools.addAll(List.of(FLUX, OPERATOR));
      config.ifPresent(c -> tools.add(OPERATOR_CONFIG));
    }
    for (String tool : tools) {
      if (!List.of(FLUX, OPERATOR, OPERATOR_CONFIG).contains(tool)) {
        throw new IllegalArgumentException(
            "bench.tools: unknown tool '" + tool + "' (flux, operator, operator-config)");
      }
    }
    if (tools.contains(OPERATOR_CONFIG) && config.isEmpty()) {
      throw new IllegalArgumentException(
          "bench.tools names operator-config: give its file with -Dbench.operatorConfig=PATH");
    }
    config.ifPresent(
        c -> {
          if (!Files.isRegularFile(c)) {
            throw new IllegalArgumentException("bench.operatorConfig: no file " + c);
          }
        });
    return new BenchSettings(
        Integer.getInteger("bench.n", 1000),
        Duration.ofSeconds(Integer.getInteger("bench.interval", 60)),
        Integer.getInteger("bench.cycles", 2),
        List.copyOf(tools),
        config,
        Duration.ofMinutes(Integer.getInteger("bench.readyTimeoutMinutes", 45)),
        Duration.ofSeconds(Integer.getInteger("bench.idleSeconds", 30)),
        repository.normalize(),
        Path.of(System.getProperty("bench.report", "target/flux-side-by-side.md"))
            .toAbsolutePath());
  }
}
