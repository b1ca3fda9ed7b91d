package dev.imagestreams.benchmarks.flux;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's own count of the requests it served ({@code apiserver_request_total} of its
 * {@code /metrics}), by verb and resource ({@code PATCH imagerepositories/status}), summed over
 * response codes, groups and versions.
 */
record ApiRequestCounts(Map<String, Long> byVerbAndResource) {
  /** The verbs that change something; {@code APPLY} is a server-side apply. */
  static final Set<String> WRITE_VERBS =
      Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION");

  /**
   * Writes that neither tool makes: the API server renews its own identity Lease every 10 seconds,
   * and both tools run without leader election.
   */
  static final Set<String> NOT_THE_TOOLS = Set.of("leases");

  private static final Pattern SAMPLE =
      Pattern.compile("^apiserver_request_total\\{([^}]*)} ([0-9.e+]+)$", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  ApiRequestCounts {
    byVerbAndResource = Map.copyOf(byVerbAndResource);
  }

  static ApiRequestCounts scrape(KubernetesClient admin) {
    return parse(admin.raw("/metrics"));
  }

  static ApiRequestCounts parse(String metrics) {
    Map<String, Long> counts = new HashMap<>();
    Matcher sample = SAMPLE.matcher(metrics);
    while (sample.find()) {
      Map<String, String> labels = new HashMap<>();
      Matcher label = LABEL.matcher(sample.group(1));
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
      String resource = labels.getOrDefault("resource", "");
      if (resource.isEmpty()) {
        continue; // /metrics, /healthz and other non-resource paths
      }
      String subresource = labels.getOrDefault("subresource", "");
      String key =
          labels.get("verb") + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource);
      counts.merge(key, (long) Double.parseDouble(sample.group(2)), Long::sum);
    }
    return new ApiRequestCounts(counts);
  }

  /** What was served between an earlier count and this one (non-zero entries only). */
  ApiRequestCounts since(ApiRequestCounts before) {
    Map<String, Long> delta = new TreeMap<>();
    byVerbAndResource.forEach(
        (key, count) -> {
          long d = count - before.byVerbAndResource.getOrDefault(key, 0L);
          if (d != 0) {
            delta.put(key, d);
          }
        });
    return new ApiRequestCounts(delta);
  }

  /** The writes the tool under test caused: every write but the API server's own Lease renewals. */
  Map<String, Long> writes() {
    Map<String, Long> writes = new TreeMap<>();
    byVerbAndResource.forEach(
        (key, count) -> {
          String verb = key.substring(0, key.indexOf(' '));
          String resource = key.substring(key.indexOf(' ') + 1).split("/")[0];
          if (WRITE_VERBS.contains(verb) && !NOT_THE_TOOLS.contains(resource)) {
            writes.put(key, count);
          }
        });
    return writes;
  }

  long writeCount() {
    return writes().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Every request but watches (which stay open), by verb and resource. */
  long requestCount() {
    return byVerbAndResource.entrySet().stream()
        .filter(e -> !e.getKey().startsWith("WATCH "))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
