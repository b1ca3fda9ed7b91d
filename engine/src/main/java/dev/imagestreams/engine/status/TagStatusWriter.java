package dev.imagestreams.engine.status;

import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.engine.imports.ImportFailure;
import dev.imagestreams.engine.planning.TagPlan;

/**
 * Writes a tag's new status over its status so far, by {@link TagHistory}'s rules: every new item
 * and condition gets the same {@link Stamp}, and history is trimmed to the same limit.
 */
final class TagStatusWriter {
  private final ImageStreamStatus old;
  private final Stamp stamp;
  private final int historyLimit;

  /**
   * @param old the stream's status so far, or null
   * @param stamp the time and generation of the new status
   * @param historyLimit the most items kept per tag
   */
  TagStatusWriter(ImageStreamStatus old, Stamp stamp, int historyLimit) {
    this.old = old;
    this.stamp = stamp;
    this.historyLimit = historyLimit;
  }

  /** The tag's status so far, or null. */
  NamedTagEventList before(String tag) {
    return old == null ? null : old.tag(tag).orElse(null);
  }

  /** A new history item, created now. */
  TagEvent item(String pullSpec, String image) {
    return new TagEvent(stamp.time(), pullSpec, image, stamp.generation());
  }

  /** A history item that follows another tag's item: its creation time stays the source's. */
  TagEvent following(TagEvent source, String pullSpec) {
    return new TagEvent(source.created(), pullSpec, source.image(), stamp.generation());
  }

  /** The tag's status once it points at {@code item}. */
  NamedTagEventList succeeded(TagPlan plan, TagEvent item, String sourceDigest) {
    return TagHistory.succeeded(
        before(plan.tag()), plan.tag(), item, plan.observed(), sourceDigest, historyLimit);
  }

  /** The tag's status once it failed: its items stay, its condition says why. */
  NamedTagEventList failed(TagPlan plan, ImportFailure failure) {
    return TagHistory.failed(
        before(plan.tag()),
        plan.tag(),
        failure.reason(),
        failure.message(),
        plan.observed(),
        stamp.time(),
        stamp.generation());
  }
}
