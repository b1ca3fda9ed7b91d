package dev.imagestreams.plugin.resolve;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.operator.config.ImportConfig;
import dev.imagestreams.operator.imports.ImportOutcome;
import dev.imagestreams.operator.planning.ImportPlanner;
import dev.imagestreams.operator.planning.StreamPlan;
import dev.imagestreams.registry.auth.CredentialStore;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's import without a cluster: plan every stream as new ({@link ImportPlanner}, any
 * status in the input is ignored), import ({@link ImportRound}), compose ({@link StatusRounds}).
 */
public final class StreamResolver {
  private final ImportConfig config;
  private final CredentialStore credentials;
  private final Clock clock;

  /**
   * @param config the import configuration
   * @param credentials the user's registry credentials, which play the namespace's pull secrets
   * @param clock the clock
   */
  public StreamResolver(ImportConfig config, CredentialStore credentials, Clock clock) {
    this.config = config;
    this.credentials = credentials;
    this.clock = clock;
  }

  /**
   * Resolves the streams.
   *
   * @param inputs the streams as read
   * @param defaultNamespace the namespace of streams that name none
   * @param imports the registry side
   * @return each stream with its status, in input order
   * @throws InvalidInputException if two streams have the same namespace and name
   */
  public List<ResolvedStream> resolve(
      List<ImageStream> inputs, String defaultNamespace, ImportRound imports)
      throws InvalidInputException, InterruptedException {
    Map<ResourceID, ImageStream> streams = new LinkedHashMap<>();
    List<ResourceID> ids = new ArrayList<>();
    for (ImageStream input : inputs) {
      ImageStream stream = namespaced(input, defaultNamespace);
      ResourceID id = ResourceID.fromResource(stream);
      if (streams.putIfAbsent(id, stream) != null) {
        throw new InvalidInputException(
            "ImageStream "
                + stream.getMetadata().getNamespace()
                + "/"
                + stream.getMetadata().getName()
                + " is given twice");
      }
      ids.add(id);
    }
    Map<ResourceID, StreamPlan> plans = new LinkedHashMap<>();
    streams.forEach(
        (id, stream) ->
            plans.put(
                id, ImportPlanner.plan(stream, config, credentials, Map.of(), clock.instant())));
    Map<ResourceID, Map<String, ImportOutcome>> outcomes = imports.run(plans);
    Map<ResourceID, ImageStreamStatus> statuses =
        StatusRounds.compose(streams, plans, outcomes, config, clock.instant());
    List<ResolvedStream> resolved = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      resolved.add(new ResolvedStream(inputs.get(i), statuses.get(ids.get(i))));
    }
    return resolved;
  }

  /** A copy without status, in its namespace or the default one. */
  static ImageStream namespaced(ImageStream input, String defaultNamespace) {
    String namespace = input.getMetadata().getNamespace();
    ImageStream copy = new ImageStream();
    copy.setMetadata(
        new ObjectMetaBuilder(input.getMetadata())
            .withNamespace(namespace == null || namespace.isEmpty() ? defaultNamespace : namespace)
            .build());
    copy.setSpec(input.getSpec());
    return copy;
  }
}
