package dev.imagestreams.engine.status;

import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.engine.planning.StreamLookup;
import dev.imagestreams.engine.planning.TagPlan;
import dev.imagestreams.engine.planning.TagReferenceResolver;
import dev.imagestreams.engine.planning.TagReferenceResolver.Resolution;
import java.util.List;
import java.util.Optional;

/**
 * Composes the status of reference tags ({@code ImageStreamTag}, {@code ImageStreamImage}) once the
 * other tags are composed: each follows its source's current image, with a pull spec into the
 * internal registry localised to this stream, and brings the source's image record along. A
 * reference whose source is still being imported keeps its status so far.
 */
final class TrackedTags {
  private final TagStatusWriter writer;
  private final ImageCatalog images;
  private final StreamRepositories repositories;

  TrackedTags(TagStatusWriter writer, ImageCatalog images, StreamRepositories repositories) {
    this.writer = writer;
    this.images = images;
    this.repositories = repositories;
  }

  /** Resolves every reference tag of {@code tags}; other streams come from {@code streams}. */
  void resolveInto(ComposedTags tags, StreamLookup streams) {
    TagReferenceResolver resolver =
        new TagReferenceResolver(
            repositories.namespace(), repositories.name(), local(tags), streams);
    for (TagPlan plan : tags.plans()) {
      if (plan instanceof TagPlan.Track track) {
        tags.set(track.tag(), tracked(track, resolver.resolve(track.tag())));
      }
    }
  }

  private NamedTagEventList tracked(TagPlan.Track plan, Resolution resolution) {
    if (resolution instanceof Resolution.Failed f) {
      return writer.failed(plan, f.failure());
    }
    if (resolution instanceof Resolution.Resolved r) {
      images.referenced(r.image());
      String pullSpec = repositories.localized(r.event().dockerImageReference(), r.event().image());
      return writer.succeeded(plan, writer.following(r.event(), pullSpec), null);
    }
    // Waiting: the source's import is in flight; the source has marked the status incomplete.
    return writer.before(plan.tag());
  }

  /** This stream's tags as the resolver sees them: the composed tags that are not references. */
  private TagReferenceResolver.LocalTags local(ComposedTags tags) {
    return new TagReferenceResolver.LocalTags() {
      @Override
      public Optional<TagPlan> plan(String tag) {
        return tags.plan(tag);
      }

      @Override
      public NamedTagEventList status(String tag) {
        return tags.sourceStatus(tag);
      }

      @Override
      public boolean pending(String tag) {
        return tags.isWaiting(tag);
      }

      @Override
      public List<NamedTagEventList> statuses() {
        return tags.sourceStatuses();
      }

      @Override
      public Optional<Image> image(String digest) {
        return images.get(digest);
      }
    };
  }
}
