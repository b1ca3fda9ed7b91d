package dev.imagestreams.registry;

import dev.imagestreams.registry.auth.AuthChallenge;
import dev.imagestreams.registry.auth.ChallengeParser;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RateLimitInfo;
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
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each registry host wants, learned with one {@code GET /v2/} per host (requests that need it
 * while it is under way wait for it) and kept for a day: the scheme (https, or plain http when the
 * request allows {@code insecure}) and the host's auth challenge.
 */
final class Endpoints {
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

  private final HttpTransport transport;
  private final Clock clock;
  private final Map<String, Endpoint> learned = new ConcurrentHashMap<>();
  private final SingleFlight<String, Endpoint> probes = new SingleFlight<>();

  Endpoints(HttpTransport transport, Clock clock) {
    this.transport = transport;
    this.clock = clock;
  }

  /**
   * The host's endpoint, probed unless known for less than a day.
   *
   * @throws RegistryException when it cannot be probed, or it is plain http and the request does
   *     not allow that
   */
  Endpoint of(String host, Access access, String image, ImportBudget budget)
      throws RegistryException {
    Endpoint known = learned.get(host);
    if (known == null || !known.learnedAt().plus(ENDPOINT_TTL).isAfter(clock.instant())) {
      known =
          probes.run(
              host,
              () -> {
                Endpoint endpoint = probe(host, access, image, budget);
                learned.put(host, endpoint);
                return endpoint;
              });
    }
    if (known.isPlainHttp() && !access.insecure()) {
      throw httpOnly(image); // learned under an insecure request; this one is not insecure
    }
    return known;
  }

  /** The challenge a 401 asks for: Bearer if offered, else Basic, else null. */
  static AuthChallenge challengeOf(RegistryResponse response) {
    List<AuthChallenge> challenges =
        ChallengeParser.parse(response.headers().allValues("WWW-Authenticate"));
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

  static RegistryException httpOnly(String image) {
    return RegistryException.of(
        ErrorKind.BAD_REQUEST,
        "the repository " + image + " is HTTP only and requires the insecure flag to import");
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
          RateLimitInfo.from(response.headers(), clock));
    }
    if (response.status() == 429) {
      throw RegistryException.fromResponse(
          ErrorKind.RATE_LIMITED,
          "registry " + host + " is rate limiting requests",
          429,
          null,
          RateLimitInfo.from(response.headers(), clock));
    }
    AuthChallenge challenge = response.status() == 401 ? challengeOf(response) : null;
    return new Endpoint(scheme, challenge, clock.instant());
  }
}
