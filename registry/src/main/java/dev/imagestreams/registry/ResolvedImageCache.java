package dev.imagestreams.registry;

import dev.imagestreams.registry.reference.Digest;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What a digest resolves to, so that an unchanged tag costs one {@code HEAD}: content is addressed
 * by digest, so the manifest, its chosen platform and its config never change for a given digest,
 * mode and platform preference. Lock-free reads; past the capacity, about a tenth of the entries
 * (the oldest inserted first) make room.
 */
final class ResolvedImageCache {
  record Key(String registry, Digest sourceDigest, ResolveOptions options) {}

  private final int capacity;
  private final Map<Key, ResolvedImage> entries = new ConcurrentHashMap<>();
  private final Queue<Key> order = new ConcurrentLinkedQueue<>();

  ResolvedImageCache(int capacity) {
    this.capacity = capacity;
  }

  ResolvedImage get(Key key) {
    return capacity == 0 ? null : entries.get(key);
  }

  void put(Key key, ResolvedImage image) {
    if (capacity == 0) {
      return;
    }
    if (entries.put(key, image) == null) {
      order.add(key);
      if (entries.size() > capacity) {
        evict(Math.max(1, capacity / 10));
      }
    }
  }

  int size() {
    return entries.size();
  }

  private void evict(int count) {
    Iterator<Key> oldest = order.iterator();
    for (int i = 0; i < count && oldest.hasNext(); i++) {
      entries.remove(oldest.next());
      oldest.remove();
    }
  }
}
