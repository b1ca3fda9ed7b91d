package dev.imagestreams.engine.status;

import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.engine.imports.ImportOutcome;
import dev.imagestreams.engine.planning.TagPlan;
import dev.imagestreams.registry.ResolvedImage;
import java.util.Map;
import java.util.Set;

/**
 * Composes the status of the tags that are not references: a recorded pull spec, a rejection, or an
 * import's outcome. A tag whose import is in flight keeps its status so far and waits.
 */
final class ImportedTags {
  private final TagStatusWriter writer;
  private final ImageCatalog images;
  private final Map<String, ImportOutcome> outcomes;
  private final Set<String> pending;

  /**
   * @param writer writes each tag's new status
   * @param images receives the records of imported images
   * @param outcomes import results to apply, by tag
   * @param pending tags whose import is in flight
   */
  ImportedTags(
      TagStatusWriter writer,
      ImageCatalog images,
      Map<String, ImportOutcome> outcomes,
      Set<String> pending) {
    this.writer = writer;
    this.images = images;
    this.outcomes = outcomes;
    this.pending = pending;
  }

  /** Composes every tag of {@code tags} that is not a reference. */
  void composeInto(ComposedTags tags) {
    for (TagPlan plan : tags.plans()) {
      if (plan instanceof TagPlan.Record r) {
        tags.set(r.tag(), writer.succeeded(r, writer.item(r.pullSpec(), ""), null));
      } else if (plan instanceof TagPlan.Reject r) {
        tags.set(r.tag(), writer.failed(r, r.failure()));
      } else if (plan instanceof TagPlan.Import i) {
        tags.set(i.tag(), imported(i, tags));
      }
    }
  }

  private NamedTagEventList imported(TagPlan.Import plan, ComposedTags tags) {
    ImportOutcome outcome = outcomes.get(plan.tag());
    if (outcome == null) {
      if (pending.contains(plan.tag())) {
        tags.waitFor(plan.tag());
      }
      return writer.before(plan.tag());
    }
    if (!outcome.succeeded()) {
      return writer.failed(plan, outcome.failure());
    }
    ResolvedImage image = outcome.image().forReference(plan.image());
    images.imported(image);
    String digest = image.digest().toString();
    String sourceDigest = image.sourceDigest().toString();
    return writer.succeeded(
        plan,
        writer.item(image.pullSpec(), digest),
        sourceDigest.equals(digest) ? null : sourceDigest);
  }
}
