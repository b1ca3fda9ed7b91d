package dev.imagestreams.plugin.resolve;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.engine.ImportEngine;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.registry.auth.CredentialStore;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operator's import without a cluster: every stream is resolved as new by the {@link
 * ImportEngine} (any status in the input is ignored), in the namespace it names or the default one.
 */
public final class StreamResolver {
  private final ImportEngine engine;
  private final CredentialStore credentials;

  /**
   * @param engine the import engine
   * @param credentials the user's registry credentials, which play the namespace's pull secrets
   */
  public StreamResolver(ImportEngine engine, CredentialStore credentials) {
    this.engine = engine;
    this.credentials = credentials;
  }

  /**
   * Resolves the streams.
   *
   * @param inputs the streams as read
   * @param defaultNamespace the namespace of streams that name none
   * @return each stream with its status, in input order
   * @throws InvalidInputException if two streams have the same namespace and name
   */
  public List<ResolvedStream> resolve(List<ImageStream> inputs, String defaultNamespace)
      throws InvalidInputException, InterruptedException {
    List<ImageStream> streams = inputs.stream().map(s -> namespaced(s, defaultNamespace)).toList();
    Map<StreamId, ImageStreamStatus> statuses;
    try {
      statuses = engine.resolveAll(streams, credentials);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(e.getMessage(), e);
    }
    List<ResolvedStream> resolved = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      resolved.add(new ResolvedStream(inputs.get(i), statuses.get(StreamId.of(streams.get(i)))));
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
