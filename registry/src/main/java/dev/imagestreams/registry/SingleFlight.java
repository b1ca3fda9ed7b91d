package dev.imagestreams.registry;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * One fetch in flight per key: callers that ask for a key while it is being fetched wait for that
 * fetch and share its result or its failure. A fetch that was cancelled (its import is no longer
 * wanted) is not shared: a waiter fetches for itself.
 */
final class SingleFlight<K, V> {
  /** Fetches a value. */
  @FunctionalInterface
  interface Fetch<V> {
    V fetch() throws RegistryException;
  }

  private final Map<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

  V run(K key, Fetch<V> fetch) throws RegistryException {
    while (true) {
      CompletableFuture<V> mine = new CompletableFuture<>();
      CompletableFuture<V> existing = inFlight.putIfAbsent(key, mine);
      if (existing == null) {
        try {
          V value = fetch.fetch();
          mine.complete(value);
          return value;
        } catch (RegistryException | RuntimeException | Error e) {
          mine.completeExceptionally(e);
          throw e;
        } finally {
          inFlight.remove(key, mine);
        }
      }
      try {
        return existing.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw RegistryException.of(
            ErrorKind.UNAVAILABLE, "interrupted while waiting for a fetch in flight");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RegistryException re && re.kind() != ErrorKind.CANCELLED) {
          throw re;
        }
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        // the fetch we waited for was cancelled: fetch for ourselves
      }
    }
  }

  /** Fetches in flight, for tests. */
  int size() {
    return inFlight.size();
  }
}
