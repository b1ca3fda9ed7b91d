package dev.imagestreams.engine.planning;

import java.util.List;

/**
 * The plan for one stream.
 *
 * @param tags one plan per distinct spec tag, in spec order
 * @param duplicateTags spec tag names that appear more than once (the first occurrence is used)
 * @param importRequest the value of the import-request annotation not yet handled, or null
 */
public record StreamPlan(List<TagPlan> tags, List<String> duplicateTags, String importRequest) {
  public StreamPlan {
    tags = List.copyOf(tags);
    duplicateTags = List.copyOf(duplicateTags);
  }

  /** The import plans. */
  public List<TagPlan.Import> imports() {
    return tags.stream()
        .filter(TagPlan.Import.class::isInstance)
        .map(TagPlan.Import.class::cast)
        .toList();
  }
}
