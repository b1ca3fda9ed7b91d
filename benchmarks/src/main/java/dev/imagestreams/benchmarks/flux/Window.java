package dev.imagestreams.benchmarks.flux;

/**
 * What a stretch of time cost: registry traffic, API requests, CPU seconds of each process, and the
 * memory at its end.
 *
 * @param seconds its length
 * @param registry the requests that reached the registry
 * @param api the requests the API server served
 * @param controllerCpu CPU seconds of the tool under test
 * @param apiServerCpu CPU seconds of kube-apiserver
 * @param etcdCpu CPU seconds of etcd
 * @param registryCpu CPU seconds of the registry
 * @param harnessCpu CPU seconds of this JVM (counting proxy, readiness watch), not counted
 * @param end the counters at its end (memory, load average)
 */
record Window(
    double seconds,
    RegistryTraffic registry,
    ApiRequestCounts api,
    double controllerCpu,
    double apiServerCpu,
    double etcdCpu,
    double registryCpu,
    double harnessCpu,
    Snapshot end) {

  static Window between(Snapshot start, Snapshot end, RegistryTraffic traffic) {
    return new Window(
        (end.nanos() - start.nanos()) / 1e9,
        traffic,
        end.api().since(start.api()),
        end.controller().cpuSecondsSince(start.controller()),
        end.apiServer().cpuSecondsSince(start.apiServer()),
        end.etcd().cpuSecondsSince(start.etcd()),
        end.registry().cpuSecondsSince(start.registry()),
        end.harness().cpuSecondsSince(start.harness()),
        end);
  }

  /** The controller's, the API server's and etcd's CPU seconds together. */
  double cpuInAll() {
    return controllerCpu + apiServerCpu + etcdCpu;
  }
}
