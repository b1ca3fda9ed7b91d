package dev.imagestreams.registry;

import dev.imagestreams.registry.reference.Digest;
import dev.imagestreams.registry.reference.ImageReference;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What a digest resolves to, so that an unchanged tag costs one {@code HEAD}: content is addressed
 * by digest, so the manifest, its chosen platform and its config never change for a given digest,
 * mode and platform preference. It also knows which references were resolved before, so that a new
 * one is fetched at once rather than asked about first. Lock-free reads; past the capacity, about a
 * tenth of the entries (the oldest inserted first) make room.
 */
final class ResolvedImageCache {
  record Key(String registry, Digest sourceDigest, ResolveOptions options) {}

  /** A reference as resolved: by tag or by digest, with the options it was resolved with. */
  private record Seen(
      String registry, String repository, String reference, ResolveOptions options) {
    static Seen of(ImageReference image, ResolveOptions options) {
      return new Seen(image.registry(), image.repository(), image.manifestReference(), options);
    }
  }

  private final Bounded<Key, ResolvedImage> resolutions;
  private final Bounded<Seen, Boolean> seen;

  ResolvedImageCache(int capacity) {
    this.resolutions = new Bounded<>(capacity);
    this.seen = new Bounded<>(capacity);
  }

  ResolvedImage get(Key key) {
    return resolutions.get(key);
  }

  void put(Key key, ResolvedImage image) {
    resolutions.put(key, image);
  }

  /** Whether the reference was resolved before with these options (and is still remembered). */
  boolean seen(ImageReference image, ResolveOptions options) {
    return seen.get(Seen.of(image, options)) != null;
  }

  void markSeen(ImageReference image, ResolveOptions options) {
    seen.put(Seen.of(image, options), Boolean.TRUE);
  }

  int size() {
    return resolutions.size();
  }

  /** A map that forgets its oldest entries past its capacity; a capacity of 0 keeps nothing. */
  private static final class Bounded<K, V> {
    private final int capacity;
    private final Map<K, V> entries = new ConcurrentHashMap<>();
    private final Queue<K> order = new ConcurrentLinkedQueue<>();

    Bounded(int capacity) {
      this.capacity = capacity;
    }

    V get(K key) {
      return capacity == 0 ? null : entries.get(key);
    }

    void put(K key, V value) {
      if (capacity == 0) {
        return;
      }
      if (entries.put(key, value) == null) {
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
      Iterator<K> oldest = order.iterator();
      for (int i = 0; i < count && oldest.hasNext(); i++) {
        entries.remove(oldest.next());
        oldest.remove();
      }
    }
  }
}
