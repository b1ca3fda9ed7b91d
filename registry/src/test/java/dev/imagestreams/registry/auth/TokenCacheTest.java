package dev.imagestreams.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.testinfra.registry.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  private static final TokenCache.Key KEY =
      new TokenCache.Key("https://auth", "svc", "repository:a:pull", "anonymous");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final TokenCache cache = new TokenCache(clock);
  private final AtomicInteger fetches = new AtomicInteger();

  /** Fetches t1, t2, ...: tokens valid for a minute. */
  private final TokenCache.Fetcher counting =
      () -> new BearerToken("t" + fetches.incrementAndGet(), clock.instant().plusSeconds(60));

  @Test
  void reusesATokenUntilItExpires() throws RegistryException {
    assertThat(cache.get(KEY, counting).value()).isEqualTo("t1");
    assertThat(cache.get(KEY, counting).value()).isEqualTo("t1");
    clock.advance(Duration.ofSeconds(61));
    assertThat(cache.get(KEY, counting).value()).isEqualTo("t2");
    assertThat(fetches).hasValue(2);
  }

  @Test
  void differentScopesAndCredentialsGetDifferentTokens() throws RegistryException {
    cache.get(KEY, counting);
    cache.get(
        new TokenCache.Key("https://auth", "svc", "repository:b:pull", "anonymous"), counting);
    cache.get(new TokenCache.Key("https://auth", "svc", "repository:a:pull", "abc123"), counting);
    assertThat(fetches).hasValue(3);
  }

  @Test
  void concurrentCallersShareOneFetch() throws Exception {
    TokenCache cache = new TokenCache(Clock.systemUTC());
    CountDownLatch release = new CountDownLatch(1);
    TokenCache.Fetcher slow =
        () -> {
          fetches.incrementAndGet();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new BearerToken("shared", Instant.now().plus(Duration.ofMinutes(5)));
        };
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<BearerToken>> results = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        results.add(pool.submit(() -> cache.get(KEY, slow)));
      }
      release.countDown();
      for (Future<BearerToken> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS).value()).isEqualTo("shared");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fetches).hasValue(1);
  }

  @Test
  void failuresAreNotCachedAndRefusedTokensAreDropped() throws RegistryException {
    assertThatThrownBy(
            () ->
                cache.get(
                    KEY,
                    () -> {
                      throw RegistryException.of(ErrorKind.UNAUTHORIZED, "no");
                    }))
        .isInstanceOf(RegistryException.class);
    BearerToken first = cache.get(KEY, () -> new BearerToken("a", clock.instant().plusSeconds(60)));
    cache.invalidate(KEY, first);
    assertThat(cache.get(KEY, () -> new BearerToken("b", clock.instant().plusSeconds(60))).value())
        .isEqualTo("b");
    cache.invalidate(KEY, first); // stale invalidation does not drop the new token
    assertThat(cache.get(KEY, () -> new BearerToken("c", clock.instant().plusSeconds(60))).value())
        .isEqualTo("b");
  }
}
