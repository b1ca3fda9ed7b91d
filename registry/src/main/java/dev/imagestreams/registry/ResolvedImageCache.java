package dev.imagestreams.registry;

import dev.imagestreams.registry.reference.Digest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a digest resolves to, so that an unchanged tag costs one {@code HEAD}: content is addressed
 * by digest, so the manifest, its chosen platform and its config never change for a given digest,
 * mode and platform preference. Least recently used entries are dropped past the capacity.
 */
final class ResolvedImageCache {
  record Key(String registry, Digest sourceDigest, ResolveOptions options) {}

  private final int capacity;
  private final Map<Key, ResolvedImage> entries;

  ResolvedImageCache(int capacity) {
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, ResolvedImage> eldest) {
            return size() > ResolvedImageCache.this.capacity;
          }
        };
  }

  synchronized ResolvedImage get(Key key) {
    return capacity == 0 ? null : entries.get(key);
  }

  synchronized void put(Key key, ResolvedImage image) {
    if (capacity > 0) {
      entries.put(key, image);
    }
  }

  synchronized int size() {
    return entries.size();
  }
}
