package dev.imagestreams.plugin.describe;

import dev.imagestreams.plugin.output.Ages;
import dev.imagestreams.plugin.output.TabWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
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
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
      if (first) {
        field(label, e.getKey() + "=" + e.getValue());
        first = false;
      } else {
        out.print("\t" + e.getKey() + "=" + e.getValue() + "\n");
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
