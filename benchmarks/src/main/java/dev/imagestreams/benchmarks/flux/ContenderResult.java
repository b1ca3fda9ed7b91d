package dev.imagestreams.benchmarks.flux;

import java.util.List;
import java.util.Optional;

/**
 * One tool's run.
 *
 * @param contender the tool
 * @param n how many objects it was given
 * @param ready how many became ready
 * @param secondsUntilReady from its start until all were ready (or until it gave up)
 * @param idle the API server and etcd with the objects and no controller
 * @param initialImport from its start until all were ready
 * @param cycles the unchanged cycles, one interval each
 * @param failure why the run stopped early, if it did
 */
record ContenderResult(
    Contender contender,
    int n,
    int ready,
    double secondsUntilReady,
    Window idle,
    Window initialImport,
    List<Window> cycles,
    Optional<String> failure) {

  boolean allReady() {
    return ready == n;
  }
}
