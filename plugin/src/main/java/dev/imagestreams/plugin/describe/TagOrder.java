package dev.imagestreams.plugin.describe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The order {@code oc} lists tags in: {@code latest} first, then version-like tags ({@code 3.12},
 * {@code v2.1.0}) newest first, then the others by name.
 */
final class TagOrder {
  private static final Pattern VERSION = Pattern.compile("^v?\\d+(\\.\\d+)*$");

  private TagOrder() {}

  static List<String> prioritized(Collection<String> tags) {
    List<String> latest = new ArrayList<>();
    List<String> versions = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String tag : tags) {
      if (tag.equals("latest")) {
        latest.add(tag);
      } else if (VERSION.matcher(tag).matches()) {
        versions.add(tag);
      } else {
        others.add(tag);
      }
    }
    versions.sort(Comparator.comparing(TagOrder::parts, TagOrder::compare).reversed());
    others.sort(Comparator.naturalOrder());
    List<String> all = new ArrayList<>(latest);
    all.addAll(versions);
    all.addAll(others);
    return all;
  }

  private static long[] parts(String tag) {
    String[] split = (tag.startsWith("v") ? tag.substring(1) : tag).split("\\.");
    long[] parts = new long[split.length];
    for (int i = 0; i < split.length; i++) {
      parts[i] = split[i].length() > 18 ? Long.MAX_VALUE : Long.parseLong(split[i]);
    }
    return parts;
  }

  private static int compare(long[] a, long[] b) {
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      long x = i < a.length ? a[i] : 0;
      long y = i < b.length ? b[i] : 0;
      if (x != y) {
        return Long.compare(x, y);
      }
    }
    return Integer.compare(a.length, b.length);
  }
}
