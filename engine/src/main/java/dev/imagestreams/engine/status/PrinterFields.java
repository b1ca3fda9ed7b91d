package dev.imagestreams.engine.status;

import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The status fields that are derived, not decided: the repositories on the cluster's registry
 * hosts, the repository {@code kubectl get is} shows (public, else internal, else the deprecated
 * {@code spec.dockerImageRepository}), the TAGS column and the UPDATED column.
 */
final class PrinterFields {
  private final StreamRepositories repositories;
  private final String specRepository;

  /**
   * @param repositories the stream's repositories
   * @param specRepository the stream's {@code spec.dockerImageRepository}, or null
   */
  PrinterFields(StreamRepositories repositories, String specRepository) {
    this.repositories = repositories;
    this.specRepository = specRepository;
  }

  /** The status: the content, with the fields derived from it and from the repositories. */
  ImageStreamStatus status(StatusContent content) {
    List<NamedTagEventList> tags = content.tags();
    String internal = repositories.internal();
    String external = repositories.external();
    String display = external != null ? external : !internal.isEmpty() ? internal : specRepository;
    return new ImageStreamStatus(
        internal,
        external,
        tags.isEmpty() ? null : tags,
        content.observedGeneration(),
        content.ready() == null ? null : List.of(content.ready()),
        content.images().isEmpty() ? null : content.images(),
        content.lastHandledImportRequest(),
        display,
        tags.isEmpty() ? null : TagsSummary.of(tags),
        lastUpdated(tags));
  }

  /** The creation time of the most recent current item. */
  private static String lastUpdated(List<NamedTagEventList> tags) {
    return tags.stream()
        .map(NamedTagEventList::current)
        .flatMap(Optional::stream)
        .map(TagEvent::created)
        .filter(Objects::nonNull)
        .max(Comparator.comparing(KubeTime::parse))
        .orElse(null);
  }
}
