package dev.imagestreams.benchmarks.flux;

import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.KubeControlPlane;
import dev.imagestreams.testinfra.registry.DistributionRegistry;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Flux's image-reflector-controller and this operator side by side (issue 21, goal 6): the same N
 * references on one local distribution registry, N ImageRepositories against N ImageStreams with
 * one scheduled tag each, at the same interval, each tool as its own process on a fresh
 * kube-apiserver and etcd. For each: the time until all objects are ready and what the initial
 * import cost, then per unchanged cycle the registry requests, the API writes and the CPU seconds
 * of the controller, kube-apiserver and etcd, and the controller's resident memory. The table goes
 * to standard output and {@code benchmarks/target/flux-side-by-side.md}.
 *
 * <pre>
 * test-infra/build.sh kube registry flux-image-reflector
 * ./mvnw -pl benchmarks -am verify -DskipTests -Pbench-flux [-Dbench.n=1000] [-Dbench.interval=60]
 *     [-Dbench.cycles=2] [-Dbench.tools=flux,operator,operator-config]
 *     [-Dbench.operatorConfig=benchmarks/operator-config-uncapped.yaml]
 * </pre>
 */
public final class FluxSideBySide {
  private FluxSideBySide() {}

  public static void main(String[] args) throws Exception {
    BenchSettings settings = BenchSettings.fromSystemProperties();
    List<Contender> contenders = contenders(settings);
    Progress.log("the operator's classes: %s", operatorClasses());
    List<ContenderResult> results = new ArrayList<>();
    String setting;
    try (DistributionRegistry registry = DistributionRegistry.anonymous().logLevel("warn").start();
        CountingProxy proxy = new CountingProxy(registry.port())) {
      long pushed = System.nanoTime();
      BenchImages.push(registry, settings.n());
      Progress.log(
          "pushed %,d images in %.1f s to %s (clients reach it through %s)",
          settings.n(), (System.nanoTime() - pushed) / 1e9, registry.host(), proxy.host());
      ContenderRun run = new ContenderRun(settings, proxy, registryPid());
      for (Contender contender : contenders) {
        results.add(run.run(contender));
      }
      setting = setting(settings);
    }
    String report = new SideBySideReport(settings, setting, results).render();
    System.out.println();
    System.out.println(report);
    Files.createDirectories(settings.report().getParent());
    Files.writeString(settings.report(), report);
    Progress.log("written to %s", settings.report());
    System.exit(0);
  }

  private static List<Contender> contenders(BenchSettings settings) {
    List<Contender> contenders = new ArrayList<>();
    for (String tool : settings.tools()) {
      contenders.add(
          switch (tool) {
            case BenchSettings.FLUX ->
                new FluxImageReflector(FluxBuild.locate(settings.repository()));
            case BenchSettings.OPERATOR ->
                new ImageStreamOperatorProcess(
                    OperatorDeployment.read(settings.repository(), java.util.Optional.empty())
                        .withInterval(settings.interval()));
            default ->
                new ImageStreamOperatorProcess(
                    OperatorDeployment.read(settings.repository(), settings.operatorConfig())
                        .withInterval(settings.interval()));
          });
    }
    return contenders;
  }

  /**
   * Where the operator's classes come from: the worktree's {@code operator/target} with {@code
   * -am}; without it, whatever {@code ~/.m2} holds, which another worktree's install may have
   * replaced.
   */
  private static String operatorClasses() {
    return ImageStreamOperator.class.getProtectionDomain().getCodeSource().getLocation().getPath();
  }

  /** The registry process: the one child of this JVM running the registry binary. */
  private static long registryPid() {
    String binary = BuiltBinary.DISTRIBUTION_REGISTRY.path().toString();
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().command().map(binary::equals).orElse(false))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no registry process found"))
        .pid();
  }

  /** The machine and the servers, for the report. */
  private static String setting(BenchSettings settings) {
    String kube =
        KubeControlPlane.binariesDir().map(d -> d.getFileName().toString()).orElse("unknown");
    return String.format(
        Locale.ROOT,
        "%s, %d cores, OpenJDK %s; one CNCF distribution registry %s on 127.0.0.1 (plain HTTP,"
            + " anonymous) behind a counting TCP forwarder, %,d repositories with one tag each;"
            + " kube-apiserver and etcd (%s, no audit log) started fresh for each tool; the"
            + " objects are created before the tool starts; %d measured cycles of one interval"
            + " each, after one interval to settle. Tools in the order run. The operator's classes:"
            + " %s.",
        LocalDate.now(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        BuiltBinary.DISTRIBUTION_REGISTRY.directory().getFileName(),
        settings.n(),
        kube,
        settings.cycles(),
        operatorClasses().replace(settings.repository() + "/", ""));
  }
}
