package dev.imagestreams.engine.status;

import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.engine.planning.StreamPlan;
import dev.imagestreams.engine.planning.TagPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The spec tags of a status being composed: each tag's plan, its new status, and whether it waits
 * for an import in flight. Tags that are not references are composed first; references then resolve
 * against them.
 */
final class ComposedTags {
  private final List<TagPlan> plans;
  private final Map<String, TagPlan> byTag = new LinkedHashMap<>();
  private final Map<String, NamedTagEventList> statuses = new HashMap<>();
  private final Set<String> waiting = new HashSet<>();

  ComposedTags(StreamPlan plan) {
    this.plans = plan.tags();
    plans.forEach(p -> byTag.put(p.tag(), p));
  }

  /** The plans, in spec order. */
  List<TagPlan> plans() {
    return plans;
  }

  Optional<TagPlan> plan(String tag) {
    return Optional.ofNullable(byTag.get(tag));
  }

  /** Sets the tag's new status; null for none. */
  void set(String tag, NamedTagEventList status) {
    if (status == null) {
      statuses.remove(tag);
    } else {
      statuses.put(tag, status);
    }
  }

  /** Marks the tag as waiting for an import in flight. */
  void waitFor(String tag) {
    waiting.add(tag);
  }

  boolean isWaiting(String tag) {
    return waiting.contains(tag);
  }

  /** Whether no tag waits for an import in flight. */
  boolean complete() {
    return waiting.isEmpty();
  }

  /** The new status of a tag that is not a reference, or null. */
  NamedTagEventList sourceStatus(String tag) {
    return byTag.get(tag) instanceof TagPlan.Track ? null : statuses.get(tag);
  }

  /** The new statuses of the tags that are not references, in spec order. */
  List<NamedTagEventList> sourceStatuses() {
    List<NamedTagEventList> out = new ArrayList<>();
    byTag.forEach(
        (tag, plan) -> {
          if (!(plan instanceof TagPlan.Track) && statuses.get(tag) != null) {
            out.add(statuses.get(tag));
          }
        });
    return out;
  }

  /**
   * The status tags: those of spec tags that carry something, sorted by name as OpenShift emits
   * them (a removed spec tag loses its status tag, as {@code oc tag -d} does).
   */
  List<NamedTagEventList> forStatus() {
    List<NamedTagEventList> tags = new ArrayList<>();
    for (String tag : byTag.keySet()) {
      NamedTagEventList t = statuses.get(tag);
      if (t != null && !TagHistory.isEmpty(t)) {
        tags.add(t);
      }
    }
    tags.sort(Comparator.comparing(NamedTagEventList::tag));
    return tags;
  }
}
