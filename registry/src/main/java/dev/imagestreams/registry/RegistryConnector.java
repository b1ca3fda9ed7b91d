package dev.imagestreams.registry;

import dev.imagestreams.registry.auth.AuthChallenge;
import dev.imagestreams.registry.auth.BearerToken;
import dev.imagestreams.registry.auth.ChallengeParser;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.http.HttpTransport;
import dev.imagestreams.registry.http.ImportBudget;
import dev.imagestreams.registry.http.PlainHttpEndpointException;
import dev.imagestreams.registry.http.RegistryRequest;
import dev.imagestreams.registry.http.RegistryResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Sends authorized requests to a registry's distribution API.
 *
 * <p>On first contact with a host it probes {@code GET /v2/} once to learn the scheme (https, or
 * plain http when the request allows {@code insecure}) and the host's auth challenge; afterwards
 * requests carry the right {@code Authorization} up front, so resolving a tag costs one request. A
 * 401 on a repository teaches that repository's challenge (its token scope) and refreshes the token
 * once. What one repository announces never changes how other repositories of the host are reached,
 * and a challenge whose token cannot be obtained is forgotten, so the next import of that
 * repository learns it anew.
 */
final class RegistryConnector {
  /** What a host wants: its scheme and its challenge (null when anonymous access works). */
  record Endpoint(String scheme, AuthChallenge challenge, Instant learnedAt) {
    boolean isPlainHttp() {
      return scheme.equals("http");
    }

    Endpoint withChallenge(AuthChallenge newChallenge) {
      return new Endpoint(scheme, newChallenge, learnedAt);
    }
  }

  private static final Duration ENDPOINT_TTL = Duration.ofHours(24);
  private static final int MAX_SCOPE_CHALLENGES = 10_000;

  /** A repository's access scope on a host. */
  private record Scope(String host, String scope) {}

  private final HttpTransport transport;
  private final TokenService tokens;
  private final Clock clock;
  private final Map<String, CompletableFuture<Endpoint>> endpoints = new ConcurrentHashMap<>();

  /** Challenges repositories announced with a 401, when they differ from their host's. */
  private final Map<Scope, AuthChallenge> scopeChallenges = new ConcurrentHashMap<>();

  RegistryConnector(HttpTransport transport, TokenService tokens, Clock clock) {
    this.transport = transport;
    this.tokens = tokens;
    this.clock = clock;
  }

  /**
   * Sends a request to {@code path} on the host with the access rights of {@code scope}.
   *
   * @param host the API host ({@code registry-1.docker.io}, {@code quay.io:443})
   * @param method {@code HEAD} or {@code GET}
   * @param path the path, starting with {@code /v2/}
   * @param headers extra headers
   * @param maxBody the largest body accepted
   * @param access credentials and insecure flag
   * @param scope the token scope, e.g. {@code repository:library/python:pull}
   * @param description what is fetched, for messages
   * @param image the image being resolved, for messages
   * @param budget the import's deadline and cancellation
   */
  RegistryResponse send(
      String host,
      String method,
      String path,
      Map<String, String> headers,
      long maxBody,
      Access access,
      String scope,
      String description,
      String image,
      ImportBudget budget)
      throws RegistryException {
    Endpoint endpoint = endpoint(host, access, image, budget);
    if (endpoint.isPlainHttp() && !access.insecure()) {
      throw httpOnly(image);
    }
    URI uri = URI.create(endpoint.scheme() + "://" + host + path);
    RegistryRequest request =
        new RegistryRequest(
            method, uri, headers, null, null, maxBody, access.insecure(), description, budget);
    Scope repository = new Scope(host, scope);
    AuthChallenge known = scopeChallenges.getOrDefault(repository, endpoint.challenge());
    Authorization authorization =
        authorize(endpoint.withChallenge(known), repository, access, budget);
    RegistryResponse response = exchange(request.withAuthorization(authorization.header()), image);
    if (response.status() != 401) {
      return response;
    }
    AuthChallenge challenge =
        preferred(ChallengeParser.parse(response.headers().allValues("WWW-Authenticate")));
    if (challenge == null) {
      return response;
    }
    if (authorization.token() != null) {
      tokens.invalidate(known, scope, access, authorization.token());
    }
    learn(repository, challenge, endpoint.challenge());
    Authorization retry = authorize(endpoint.withChallenge(challenge), repository, access, budget);
    if (retry.header() == null || retry.header().equals(authorization.header())) {
      return response; // nothing new to try: the 401 stands
    }
    return exchange(request.withAuthorization(retry.header()), image);
  }

  /** Remembers what a repository announced, unless it is what its host announced anyway. */
  private void learn(Scope repository, AuthChallenge challenge, AuthChallenge hostChallenge) {
    if (challenge.equals(hostChallenge)) {
      scopeChallenges.remove(repository);
      return;
    }
    if (scopeChallenges.size() >= MAX_SCOPE_CHALLENGES) {
      scopeChallenges.clear(); // relearned with one 401 each
    }
    scopeChallenges.put(repository, challenge);
  }

  private RegistryResponse exchange(RegistryRequest request, String image)
      throws RegistryException {
    try {
      return transport.send(request);
    } catch (PlainHttpEndpointException e) {
      throw httpOnly(image);
    }
  }

  private record Authorization(String header, BearerToken token) {
    static final Authorization NONE = new Authorization(null, null);
  }

  /**
   * The authorization the challenge asks for. When its token service cannot be reached (refused,
   * unreachable or failing; not when it answered that the credentials are wrong), a challenge the
   * repository announced is forgotten: it fails that repository alone, and its next import learns
   * it anew.
   */
  private Authorization authorize(
      Endpoint endpoint, Scope repository, Access access, ImportBudget budget)
      throws RegistryException {
    AuthChallenge challenge = endpoint.challenge();
    String host = repository.host();
    if (challenge == null) {
      return Authorization.NONE;
    }
    if (challenge.isBearer()) {
      try {
        BearerToken token =
            tokens.token(
                challenge, repository.scope(), access, host, endpoint.isPlainHttp(), budget);
        return new Authorization("Bearer " + token.value(), token);
      } catch (RegistryException e) {
        if (e.kind() != ErrorKind.UNAUTHORIZED) {
          scopeChallenges.remove(repository, challenge);
        }
        throw e;
      }
    }
    if (challenge.isBasic() && access.credentials() != null && access.credentials().hasPassword()) {
      if (endpoint.isPlainHttp() && !access.insecure()) {
        throw RegistryException.of(
            ErrorKind.FORBIDDEN, "refusing to send credentials to " + host + " over plain http");
      }
      return new Authorization(access.credentials().basicAuthorization(), null);
    }
    return Authorization.NONE;
  }

  private static AuthChallenge preferred(List<AuthChallenge> challenges) {
    AuthChallenge basic = null;
    for (AuthChallenge c : challenges) {
      if (c.isBearer()) {
        return c;
      }
      if (c.isBasic() && basic == null) {
        basic = c;
      }
    }
    return basic;
  }

  private Endpoint endpoint(String host, Access access, String image, ImportBudget budget)
      throws RegistryException {
    CompletableFuture<Endpoint> cached = endpoints.get(host);
    if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
      Endpoint e = cached.join();
      if (e.learnedAt().plus(ENDPOINT_TTL).isAfter(clock.instant())
          && !(e.isPlainHttp() && !access.insecure())) {
        return e; // the common case: no allocation, no waiting
      }
    }
    while (true) {
      CompletableFuture<Endpoint> mine = new CompletableFuture<>();
      CompletableFuture<Endpoint> existing = endpoints.putIfAbsent(host, mine);
      if (existing == null) {
        try {
          Endpoint e = probe(host, access, image, budget);
          mine.complete(e);
          return e;
        } catch (RegistryException | RuntimeException e) {
          mine.completeExceptionally(e);
          endpoints.remove(host, mine);
          throw e;
        }
      }
      Endpoint known = await(existing);
      boolean fresh =
          known != null && known.learnedAt().plus(ENDPOINT_TTL).isAfter(clock.instant());
      boolean usable = known != null && !(known.isPlainHttp() && !access.insecure());
      if (fresh && usable) {
        return known;
      }
      if (fresh && known != null) {
        throw httpOnly(image); // learned under an insecure request; this one is not insecure
      }
      endpoints.remove(host, existing);
    }
  }

  private static Endpoint await(CompletableFuture<Endpoint> pending) throws RegistryException {
    try {
      return pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.of(
          ErrorKind.UNAVAILABLE, "interrupted while contacting the registry");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RegistryException re) {
        throw re;
      }
      return null;
    }
  }

  /** {@code GET /v2/}: which scheme works and which challenge the host sends. */
  private Endpoint probe(String host, Access access, String image, ImportBudget budget)
      throws RegistryException {
    try {
      return probe(host, "https", access, budget);
    } catch (PlainHttpEndpointException e) {
      if (!access.insecure()) {
        throw httpOnly(image);
      }
    } catch (RegistryException e) {
      if (!access.insecure() || e.kind() != ErrorKind.UNAVAILABLE) {
        throw e;
      }
    }
    try {
      return probe(host, "http", access, budget);
    } catch (PlainHttpEndpointException e) {
      throw RegistryException.of(
          ErrorKind.UNAVAILABLE, "unexpected TLS answer from " + host + " over http");
    }
  }

  private Endpoint probe(String host, String scheme, Access access, ImportBudget budget)
      throws RegistryException, PlainHttpEndpointException {
    URI uri = URI.create(scheme + "://" + host + "/v2/");
    RegistryRequest check =
        new RegistryRequest(
            "GET",
            uri,
            Map.of(),
            null,
            null,
            64 * 1024,
            access.insecure(),
            "API version check of " + host,
            budget);
    boolean fallsBackToHttp = scheme.equals("https") && access.insecure();
    RegistryResponse response = fallsBackToHttp ? transport.sendOnce(check) : transport.send(check);
    if (response.status() >= 500) {
      throw RegistryException.fromResponse(
          ErrorKind.UNAVAILABLE,
          "registry "
              + host
              + " failed with HTTP "
              + response.status()
              + " on its API version check",
          response.status(),
          null,
          dev.imagestreams.registry.error.RateLimitInfo.from(response.headers(), clock));
    }
    if (response.status() == 429) {
      throw RegistryException.fromResponse(
          ErrorKind.RATE_LIMITED,
          "registry " + host + " is rate limiting requests",
          429,
          null,
          dev.imagestreams.registry.error.RateLimitInfo.from(response.headers(), clock));
    }
    AuthChallenge challenge =
        response.status() == 401
            ? preferred(ChallengeParser.parse(response.headers().allValues("WWW-Authenticate")))
            : null;
    return new Endpoint(scheme, challenge, clock.instant());
  }

  private static RegistryException httpOnly(String image) {
    return RegistryException.of(
        ErrorKind.BAD_REQUEST,
        "the repository " + image + " is HTTP only and requires the insecure flag to import");
  }
}
