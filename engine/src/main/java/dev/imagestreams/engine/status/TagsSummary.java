package dev.imagestreams.engine.status;

import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The TAGS column of {@code oc get is}: status tags, most recently updated first (by {@code
 * items[0].created} to the second, then by name), as many as fit in about 40 characters, then
 * {@code + N more...}.
 */
public final class TagsSummary {
  static final int WIDTH = 40;

  private TagsSummary() {}

  public static String of(List<NamedTagEventList> tags) {
    List<NamedTagEventList> sorted = new ArrayList<>(tags);
    sorted.sort(
        Comparator.comparing((NamedTagEventList t) -> created(t))
            .reversed()
            .thenComparing(NamedTagEventList::tag));
    List<String> shown = new ArrayList<>();
    int remaining = WIDTH;
    for (NamedTagEventList t : sorted) {
      int cost = t.tag().length() + 1;
      if (remaining - cost >= 0) {
        shown.add(t.tag());
        remaining -= cost;
        continue;
      }
      if (shown.isEmpty()) {
        shown.add(t.tag());
        break;
      }
      int overshoot = cost - remaining;
      if (WIDTH / 4 < remaining - 1 && overshoot <= WIDTH / 4) {
        shown.add(t.tag());
        remaining -= cost;
        continue;
      }
      break;
    }
    String joined = String.join(",", shown);
    int more = tags.size() - shown.size();
    return more > 0 ? joined + " + " + more + " more..." : joined;
  }

  private static Instant created(NamedTagEventList t) {
    return t.current().map(TagEvent::created).map(KubeTime::parse).orElse(Instant.EPOCH);
  }
}
