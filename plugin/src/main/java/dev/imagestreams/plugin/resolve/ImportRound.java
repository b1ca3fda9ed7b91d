package dev.imagestreams.plugin.resolve;

import dev.imagestreams.operator.config.ImportConfig;
import dev.imagestreams.operator.importer.ImportListener;
import dev.imagestreams.operator.importer.ImportService;
import dev.imagestreams.operator.importer.RegistryClients;
import dev.imagestreams.operator.importer.RegistryLanes;
import dev.imagestreams.operator.importer.RetryBackoffs;
import dev.imagestreams.operator.imports.ImportOutcome;
import dev.imagestreams.operator.planning.StreamPlan;
import dev.imagestreams.operator.planning.TagPlan;
import dev.imagestreams.registry.RegistryClient;
import dev.imagestreams.registry.RegistrySettings;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;

/**
 * Imports every registry tag of the planned streams through the operator's {@link ImportService}:
 * equal references are imported once, each registry host gets its lane (concurrency, pacing,
 * backoff) and every import its deadline, as in the operator. The one place {@code resolve} talks
 * to registries.
 */
public final class ImportRound implements AutoCloseable {
  private final ExecutorService workers;
  private final ImportService imports;
  private final BlockingQueue<ResourceID> arrivals = new LinkedBlockingQueue<>();

  /**
   * @param config the import configuration (policies, pacing)
   * @param clock the clock
   * @param userAgent the registries' {@code User-Agent}
   * @param registrySettings adjusts the registry client settings (tests)
   */
  public ImportRound(
      ImportConfig config,
      Clock clock,
      String userAgent,
      UnaryOperator<RegistrySettings.Builder> registrySettings) {
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "registry");
              t.setDaemon(true);
              return t;
            });
    RegistryClient client =
        new RegistryClient(
            registrySettings
                .apply(
                    RegistryClients.settings(config, config::limitsFor, clock).userAgent(userAgent))
                .build());
    RegistryLanes lanes =
        new RegistryLanes(workers, clock, config::limitsFor, RetryBackoffs.DEFAULT.hostOutages());
    this.imports =
        new ImportService(() -> client, lanes, clock, ImportListener.NONE, arrivals::add);
  }

  /**
   * Imports the {@code DockerImage} tags of every plan and waits for all of them.
   *
   * @return the outcome of each imported tag, by stream and tag
   */
  public Map<ResourceID, Map<String, ImportOutcome>> run(Map<ResourceID, StreamPlan> plans)
      throws InterruptedException {
    Map<ResourceID, Map<String, ImportOutcome>> outcomes = new LinkedHashMap<>();
    Map<ResourceID, Map<String, TagPlan.Import>> pending = new HashMap<>();
    plans.forEach(
        (id, plan) -> {
          Map<String, ImportOutcome> forStream =
              outcomes.computeIfAbsent(id, k -> new LinkedHashMap<>());
          for (TagPlan.Import imp : plan.imports()) {
            imports
                .request(id, imp)
                .ifPresentOrElse(
                    o -> forStream.put(imp.tag(), o),
                    () -> pending.computeIfAbsent(id, k -> new HashMap<>()).put(imp.tag(), imp));
          }
        });
    while (!pending.isEmpty()) {
      ResourceID id = arrivals.take();
      Map<String, TagPlan.Import> waiting = pending.get(id);
      if (waiting == null) {
        continue;
      }
      waiting
          .values()
          .removeIf(
              imp -> {
                var delivered = imports.delivered(id, imp.tag(), imp.key());
                delivered.ifPresent(o -> outcomes.get(id).put(imp.tag(), o));
                return delivered.isPresent();
              });
      if (waiting.isEmpty()) {
        pending.remove(id);
      }
    }
    return outcomes;
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
