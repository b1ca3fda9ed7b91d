package dev.imagestreams.plugin.describe;

import dev.imagestreams.plugin.output.Ages;
import dev.imagestreams.plugin.output.TabWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The field lines {@code oc describe} writes: {@code Label:<tab>value}, {@code <none>} if empty.
 */
final class DescribeFormat {
  static final String NONE = "<none>";

  private final TabWriter out;
  private final Instant now;

  DescribeFormat(TabWriter out, Instant now) {
    this.out = out;
    this.now = now;
  }

  /** {@code Label:\tvalue}; a multi-line value continues on lines starting with a tab. */
  void field(String label, String value) {
    String text = value == null || value.isEmpty() ? NONE : value;
    out.print(label + ":");
    for (String line : text.split("\n", -1)) {
      out.print("\t" + line + "\n");
    }
  }

  /** {@code Label:\t<age> ago}. */
  void time(String label, String rfc3339) {
    field(label, ago(rfc3339));
  }

  /** {@code key=value} lines sorted by key, or {@code <none>}. */
  void map(String label, Map<String, String> values) {
    if (values == null || values.isEmpty()) {
      field(label, "");
      return;
    }
    List<String> lines = new ArrayList<>();
    new TreeMap<>(values).forEach((key, value) -> lines.add(key + "=" + value));
    lines(label, lines);
  }

  /** The first value as a field, each other one on a line of its own; nothing for none. */
  void lines(String label, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i == 0) {
        field(label, values.get(0));
      } else {
        out.print("\t" + values.get(i) + "\n");
      }
    }
  }

  /** "5 minutes ago", from an RFC 3339 time; {@code <none>} for none. */
  String ago(String rfc3339) {
    if (rfc3339 == null || rfc3339.isEmpty()) {
      return NONE;
    }
    return Ages.words(Duration.between(OffsetDateTime.parse(rfc3339).toInstant(), now)) + " ago";
  }

  TabWriter out() {
    return out;
  }
}
