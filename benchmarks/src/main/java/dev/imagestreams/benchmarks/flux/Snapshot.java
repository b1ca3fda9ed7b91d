package dev.imagestreams.benchmarks.flux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The counters at one moment: each process's CPU time and memory, the API server's request counts
 * and the load average.
 *
 * @param nanos {@link System#nanoTime()}
 * @param controller the tool under test ({@link ProcessStats#NONE} before it starts)
 * @param apiServer kube-apiserver
 * @param etcd etcd
 * @param registry the registry
 * @param harness this JVM: the counting proxy and the readiness watch
 * @param api the API server's request counts
 * @param load1 the one-minute load average
 */
record Snapshot(
    long nanos,
    ProcessStats controller,
    ProcessStats apiServer,
    ProcessStats etcd,
    ProcessStats registry,
    ProcessStats harness,
    ApiRequestCounts api,
    double load1) {

  static Snapshot take(Process controller, ControlPlane plane, long registryPid) {
    ApiRequestCounts api = ApiRequestCounts.scrape(plane.admin());
    return new Snapshot(
        System.nanoTime(),
        controller == null ? ProcessStats.NONE : ProcessStats.of(controller.pid()),
        ProcessStats.of(plane.apiServerPid()),
        ProcessStats.of(plane.etcdPid()),
        ProcessStats.of(registryPid),
        ProcessStats.of(ProcessHandle.current().pid()),
        api,
        loadAverage());
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
