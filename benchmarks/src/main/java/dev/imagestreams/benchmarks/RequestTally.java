package dev.imagestreams.benchmarks;

import dev.imagestreams.registry.http.RequestListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts the engine's HTTP requests by method (and failures), for the benchmarks. */
final class RequestTally implements RequestListener {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void onResponse(String host, String method, int status, Duration elapsed) {
    counts
        .computeIfAbsent(method + (status == 401 ? " 401" : ""), k -> new LongAdder())
        .increment();
  }

  @Override
  public void onFailure(String host, String method, String reason) {
    counts.computeIfAbsent(method + " failed", k -> new LongAdder()).increment();
  }

  long count(String key) {
    LongAdder a = counts.get(key);
    return a == null ? 0 : a.sum();
  }

  void reset() {
    counts.clear();
  }

  @Override
  public String toString() {
    return counts.toString();
  }
}
