package dev.imagestreams.engine.importer;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/** Holds submitted work until a test runs it, on the test's thread. */
final class ManualExecutor extends AbstractExecutorService {
  private final Queue<Runnable> tasks = new ArrayDeque<>();

  /** Work handed to the executor and not run yet. */
  int pending() {
    return tasks.size();
  }

  /** Runs the oldest task; returns false when there was none. */
  boolean runNext() {
    Runnable next = tasks.poll();
    if (next == null) {
      return false;
    }
    next.run();
    return true;
  }

  /** Runs tasks until none is left, including those the tasks hand over. */
  void runAll() {
    while (runNext()) {
      // keep going
    }
  }

  @Override
  public void execute(Runnable command) {
    tasks.add(command);
  }

  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }
}
