package dev.imagestreams.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.testinfra.registry.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The token cache's bound (at most 10,000 entries before expired tokens are evicted) and what a
 * caller waiting for another caller's fetch sees when that fetch fails or the wait is interrupted.
 */
class TokenCacheBoundsTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final int BOUND = 10_000;

  private final ManualClock clock = new ManualClock(START);
  private final TokenCache cache = new TokenCache(clock);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch fetchStarted = new CountDownLatch(1);

  @AfterEach
  void releaseBlockedFetches() {
    release.countDown();
    Thread.interrupted(); // never leak an interrupt into the next test
  }

  @Test
  void expiredTokensAreKeptUpToTheBoundAndEvictedOnlyBeyondIt() throws RegistryException {
    for (int i = 0; i < BOUND - 1; i++) {
      fetch(key("expiring-" + i), Duration.ofSeconds(60));
    }
    clock.advance(Duration.ofSeconds(61)); // all of them are expired now

    fetch(key("fresh-1"), Duration.ofMinutes(5));
    assertThat(cache.size()).as("exactly at the bound: nothing is evicted").isEqualTo(BOUND);

    fetch(key("fresh-2"), Duration.ofMinutes(5));
    assertThat(cache.size())
        .as("beyond the bound: the expired tokens go, usable ones stay")
        .isEqualTo(2);
    assertThat(cache.get(key("fresh-1"), failIfCalled()).value()).isEqualTo("fresh-1");
    assertThat(cache.get(key("fresh-2"), failIfCalled()).value()).isEqualTo("fresh-2");
  }

  @Test
  void everyWaiterSeesTheFailureOfTheSharedFetch() throws Exception {
    FutureTask<BearerToken> fetching =
        blockedFetch(
            () -> {
              throw RegistryException.of(ErrorKind.UNAUTHORIZED, "refused by realm");
            });
    FutureTask<BearerToken> waiter = waiting(key("a"));
    Thread waiterThread = new Thread(waiter);
    waiterThread.start();
    awaitParked(waiterThread);

    release.countDown();

    assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(RegistryException.class)
        .hasMessage("refused by realm");
    assertThatThrownBy(() -> fetching.get(10, TimeUnit.SECONDS))
        .cause()
        .hasMessage("refused by realm");
    assertThat(cache.size()).as("a failure is not cached").isZero();
  }

  @Test
  void aWaiterFetchesAnewWhenTheSharedFetchFailedUnexpectedly() throws Exception {
    FutureTask<BearerToken> fetching =
        blockedFetch(
            () -> {
              throw new IllegalStateException("bug in the fetcher");
            });
    FutureTask<BearerToken> waiter =
        new FutureTask<>(
            () -> cache.get(key("a"), () -> new BearerToken("own", START.plusSeconds(60))));
    Thread waiterThread = new Thread(waiter);
    waiterThread.start();
    awaitParked(waiterThread);

    release.countDown();

    assertThat(waiter.get(10, TimeUnit.SECONDS).value()).isEqualTo("own");
    assertThatThrownBy(() -> fetching.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anInterruptedWaiterGivesUpAndKeepsItsInterrupt() throws Exception {
    blockedFetch(() -> new BearerToken("late", START.plusSeconds(60)));

    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> cache.get(key("a"), failIfCalled()))
        .isInstanceOf(RegistryException.class)
        .satisfies(e -> assertThat(((RegistryException) e).kind()).isEqualTo(ErrorKind.UNAVAILABLE))
        .hasMessageContaining("interrupted");
    assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
  }

  private BearerToken fetch(TokenCache.Key key, Duration lifetime) throws RegistryException {
    return cache.get(key, () -> new BearerToken(key.scope(), clock.instant().plus(lifetime)));
  }

  private static TokenCache.Key key(String scope) {
    return new TokenCache.Key("https://auth", "svc", scope, "anonymous");
  }

  private static TokenCache.Fetcher failIfCalled() {
    return () -> {
      throw new AssertionError("the cached token must be used");
    };
  }

  private void awaitRelease() {
    fetchStarted.countDown();
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private FutureTask<BearerToken> waiting(TokenCache.Key key) {
    return new FutureTask<>(() -> cache.get(key, failIfCalled()));
  }

  /**
   * Fetches key {@code a} on another thread, with a fetcher that waits for {@link #release} and
   * then does {@code then}; returns once that fetcher runs.
   */
  private FutureTask<BearerToken> blockedFetch(TokenCache.Fetcher then)
      throws InterruptedException {
    return inBackground(
        () ->
            cache.get(
                key("a"),
                () -> {
                  awaitRelease();
                  return then.fetch();
                }));
  }

  /** Starts a fetch on another thread and returns once its fetcher runs (and blocks). */
  private FutureTask<BearerToken> inBackground(Callable<BearerToken> call)
      throws InterruptedException {
    FutureTask<BearerToken> task = new FutureTask<>(call);
    new Thread(task).start();
    assertThat(fetchStarted.await(10, TimeUnit.SECONDS)).isTrue();
    return task;
  }

  /** Until the thread waits for the shared fetch (parked in the future it found in the cache). */
  private static void awaitParked(Thread thread) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                thread.getState() == Thread.State.WAITING
                    || thread.getState() == Thread.State.TIMED_WAITING);
  }
}
