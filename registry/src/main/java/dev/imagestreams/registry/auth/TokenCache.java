package dev.imagestreams.registry.auth;

import dev.imagestreams.registry.error.RegistryException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Bearer tokens by token service, scope and credentials, kept until they expire. When many threads
 * need the same missing token at once, it is fetched once and shared (single flight).
 */
public final class TokenCache {
  /**
   * What a token is for.
   *
   * @param realm the token service URL
   * @param service the {@code service} parameter
   * @param scope the scope, e.g. {@code repository:library/python:pull}
   * @param credentials the credentials fingerprint, {@code anonymous} without credentials
   */
  public record Key(String realm, String service, String scope, String credentials) {}

  /** Fetches a token; runs at most once at a time per key. */
  @FunctionalInterface
  public interface Fetcher {
    BearerToken fetch() throws RegistryException;
  }

  private static final int MAX_ENTRIES = 10_000;

  private final Clock clock;
  private final Map<Key, CompletableFuture<BearerToken>> tokens = new ConcurrentHashMap<>();

  public TokenCache(Clock clock) {
    this.clock = clock;
  }

  /** The cached token for the key if usable, else fetches one (once, for all waiting callers). */
  public BearerToken get(Key key, Fetcher fetcher) throws RegistryException {
    while (true) {
      CompletableFuture<BearerToken> mine = new CompletableFuture<>();
      CompletableFuture<BearerToken> existing = tokens.putIfAbsent(key, mine);
      if (existing == null) {
        return fetchInto(key, mine, fetcher);
      }
      BearerToken token = await(existing);
      if (token != null && token.isUsableAt(clock.instant())) {
        return token;
      }
      tokens.remove(key, existing); // failed or expired: let one caller fetch anew
    }
  }

  /** Forgets a token the registry refused, unless it was already replaced. */
  public void invalidate(Key key, BearerToken refused) {
    CompletableFuture<BearerToken> current = tokens.get(key);
    if (current != null
        && current.isDone()
        && !current.isCompletedExceptionally()
        && refused.equals(current.join())) {
      tokens.remove(key, current);
    }
  }

  /** The number of cached entries, for tests and metrics. */
  public int size() {
    return tokens.size();
  }

  private BearerToken fetchInto(Key key, CompletableFuture<BearerToken> slot, Fetcher fetcher)
      throws RegistryException {
    try {
      BearerToken token = fetcher.fetch();
      slot.complete(token);
      evictIfFull();
      return token;
    } catch (RegistryException | RuntimeException e) {
      slot.completeExceptionally(e);
      tokens.remove(key, slot);
      throw e;
    }
  }

  private static BearerToken await(CompletableFuture<BearerToken> pending)
      throws RegistryException {
    try {
      return pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.of(
          dev.imagestreams.registry.error.ErrorKind.UNAVAILABLE,
          "interrupted while waiting for a token");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RegistryException re) {
        throw re; // the shared fetch failed: every waiter sees the same failure
      }
      return null;
    }
  }

  private void evictIfFull() {
    if (tokens.size() <= MAX_ENTRIES) {
      return;
    }
    var now = clock.instant();
    tokens
        .entrySet()
        .removeIf(
            e -> {
              CompletableFuture<BearerToken> f = e.getValue();
              return f.isDone() && (f.isCompletedExceptionally() || !f.join().isUsableAt(now));
            });
  }
}
