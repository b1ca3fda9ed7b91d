package dev.imagestreams.registry;

import dev.imagestreams.registry.auth.AuthChallenge;
import dev.imagestreams.registry.auth.BearerToken;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.http.HttpTransport;
import dev.imagestreams.registry.http.ImportBudget;
import dev.imagestreams.registry.http.PlainHttpEndpointException;
import dev.imagestreams.registry.http.RegistryRequest;
import dev.imagestreams.registry.http.RegistryResponse;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
  private static final int MAX_SCOPE_CHALLENGES = 10_000;

  /** A repository's access scope on a host. */
  private record Scope(String host, String scope) {}

  private final HttpTransport transport;
  private final TokenService tokens;
  private final Endpoints endpoints;

  /** Challenges repositories announced with a 401, when they differ from their host's. */
  private final Map<Scope, AuthChallenge> scopeChallenges = new ConcurrentHashMap<>();

  RegistryConnector(HttpTransport transport, TokenService tokens, Clock clock) {
    this.transport = transport;
    this.tokens = tokens;
    this.endpoints = new Endpoints(transport, clock);
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
    Endpoints.Endpoint endpoint = endpoints.of(host, access, image, budget);
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
    AuthChallenge challenge = Endpoints.challengeOf(response);
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
      throw Endpoints.httpOnly(image);
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
      Endpoints.Endpoint endpoint, Scope repository, Access access, ImportBudget budget)
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
}
