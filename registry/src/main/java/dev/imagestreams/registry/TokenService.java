package dev.imagestreams.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagestreams.registry.auth.AuthChallenge;
import dev.imagestreams.registry.auth.BearerToken;
import dev.imagestreams.registry.auth.RegistryCredentials;
import dev.imagestreams.registry.auth.TokenCache;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RateLimitInfo;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.http.HttpTransport;
import dev.imagestreams.registry.http.ImportBudget;
import dev.imagestreams.registry.http.PlainHttpEndpointException;
import dev.imagestreams.registry.http.RegistryRequest;
import dev.imagestreams.registry.http.RegistryResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Obtains bearer tokens from a registry's token service (the Docker token flow used by Docker Hub,
 * GHCR, Quay and distribution's token auth), anonymously or with credentials, through the {@link
 * TokenCache}.
 */
final class TokenService {
  private static final long MAX_TOKEN_RESPONSE = 256 * 1024;

  /** Tokens are dropped this long before they expire, so a request never races the expiry. */
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

  /** The distribution spec's default when the service does not say. */
  private static final long DEFAULT_EXPIRES_IN = 60;

  private final HttpTransport transport;
  private final TokenCache cache;
  private final ObjectMapper mapper;
  private final Clock clock;

  TokenService(HttpTransport transport, TokenCache cache, ObjectMapper mapper, Clock clock) {
    this.transport = transport;
    this.cache = cache;
    this.mapper = mapper;
    this.clock = clock;
  }

  TokenCache.Key key(AuthChallenge challenge, String scope, Access access) {
    return new TokenCache.Key(
        challenge.realm().orElse(""),
        challenge.service().orElse(""),
        scope,
        access.credentialsFingerprint());
  }

  /**
   * A token for the scope, from the cache or the token service.
   *
   * @param registryHost the registry the token is for, for messages
   * @param plainRegistry whether the registry itself is reached over plain HTTP
   */
  BearerToken token(
      AuthChallenge challenge,
      String scope,
      Access access,
      String registryHost,
      boolean plainRegistry,
      ImportBudget budget)
      throws RegistryException {
    return cache.get(
        key(challenge, scope, access),
        () -> fetch(challenge, scope, access, registryHost, plainRegistry, budget));
  }

  void invalidate(AuthChallenge challenge, String scope, Access access, BearerToken refused) {
    cache.invalidate(key(challenge, scope, access), refused);
  }

  private BearerToken fetch(
      AuthChallenge challenge,
      String scope,
      Access access,
      String registryHost,
      boolean plainRegistry,
      ImportBudget budget)
      throws RegistryException {
    URI realm = realm(challenge, registryHost, access, plainRegistry);
    RegistryRequest request =
        request(realm, challenge.service().orElse(null), scope, access, registryHost, budget);
    RegistryResponse response;
    try {
      response = transport.send(request);
    } catch (PlainHttpEndpointException e) {
      throw RegistryException.of(
          ErrorKind.BAD_REQUEST,
          "token service "
              + realm.getHost()
              + " of registry "
              + registryHost
              + " is HTTP only but was announced as https");
    }
    if (!response.isSuccess()) {
      throw failure(response, registryHost, realm, access.credentials() != null);
    }
    return parse(response.body(), registryHost);
  }

  /**
   * The token request: an OAuth2 refresh-token grant (a form {@code POST}) with an identity token,
   * else a {@code GET} with the credentials as Basic authorization, or anonymous.
   */
  private static RegistryRequest request(
      URI realm,
      String service,
      String scope,
      Access access,
      String registryHost,
      ImportBudget budget) {
    RegistryCredentials credentials = access.credentials();
    if (credentials != null && credentials.hasIdentityToken()) {
      StringBuilder form =
          new StringBuilder("grant_type=refresh_token&client_id=imagestream-operator");
      append(form, "service", service);
      append(form, "scope", scope);
      append(form, "refresh_token", credentials.identityToken());
      return request("POST", realm, null, form.toString(), access, registryHost, budget);
    }
    StringBuilder query = new StringBuilder();
    append(query, "service", service);
    append(query, "scope", scope);
    String authorization =
        credentials != null && credentials.hasPassword() ? credentials.basicAuthorization() : null;
    return request(
        "GET",
        withQuery(realm, query.toString()),
        authorization,
        null,
        access,
        registryHost,
        budget);
  }

  private static RegistryRequest request(
      String method,
      URI uri,
      String authorization,
      String form,
      Access access,
      String registryHost,
      ImportBudget budget) {
    return new RegistryRequest(
        method,
        uri,
        Map.of("Accept", "application/json"),
        authorization,
        form,
        MAX_TOKEN_RESPONSE,
        access.insecure(),
        "token for " + registryHost,
        budget);
  }

  private URI realm(
      AuthChallenge challenge, String registryHost, Access access, boolean plainRegistry)
      throws RegistryException {
    String realm =
        challenge
            .realm()
            .orElseThrow(
                () ->
                    RegistryException.of(
                        ErrorKind.UNAUTHORIZED,
                        "registry "
                            + registryHost
                            + " asked for a bearer token but named no token service (realm)"));
    URI uri;
    try {
      uri = URI.create(realm);
    } catch (IllegalArgumentException e) {
      throw RegistryException.of(
          ErrorKind.UNAUTHORIZED,
          "registry " + registryHost + " named an invalid token service URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw RegistryException.of(
          ErrorKind.UNAUTHORIZED,
          "registry " + registryHost + " named an invalid token service URL");
    }
    if (scheme.equals("http") && !plainRegistry && !access.insecure()) {
      throw RegistryException.of(
          ErrorKind.FORBIDDEN,
          "refusing to use the plain-http token service "
              + uri.getHost()
              + " of https registry "
              + registryHost
              + ": it would expose credentials");
    }
    return uri;
  }

  private RegistryException failure(
      RegistryResponse response, String registryHost, URI realm, boolean withCredentials) {
    int status = response.status();
    RateLimitInfo rateLimit = RateLimitInfo.from(response.headers(), clock);
    String answered = " (token service " + realm.getHost() + " answered " + status + ")";
    String service = "token service " + realm.getHost() + " of registry " + registryHost;
    ErrorKind kind;
    String message;
    if (status == 401 || status == 403) {
      kind = ErrorKind.UNAUTHORIZED;
      message =
          withCredentials
              ? "incorrect username or password for registry " + registryHost + answered
              : "registry " + registryHost + " requires credentials and none were found" + answered;
    } else if (status == 429) {
      String limits = rateLimit.describe();
      kind = ErrorKind.RATE_LIMITED;
      message = service + " is rate limiting requests" + (limits.isEmpty() ? "" : "; " + limits);
    } else {
      kind = status >= 500 ? ErrorKind.UNAVAILABLE : ErrorKind.UNAUTHORIZED;
      message = service + " failed with HTTP " + status;
    }
    return RegistryException.fromResponse(kind, message, status, null, rateLimit);
  }

  private BearerToken parse(byte[] body, String registryHost) throws RegistryException {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (IOException e) {
      root = null;
    }
    String token = root == null ? null : text(root, "token");
    if (token == null && root != null) {
      token = text(root, "access_token");
    }
    if (token == null) {
      throw RegistryException.of(
          ErrorKind.UNAVAILABLE,
          "the token service of registry " + registryHost + " returned no token");
    }
    long expiresIn = root.path("expires_in").asLong(DEFAULT_EXPIRES_IN);
    if (expiresIn < DEFAULT_EXPIRES_IN) {
      expiresIn = DEFAULT_EXPIRES_IN; // the spec's minimum
    }
    return new BearerToken(token, clock.instant().plusSeconds(expiresIn).minus(EXPIRY_MARGIN));
  }

  private static String text(JsonNode root, String field) {
    JsonNode v = root.get(field);
    return v == null || !v.isTextual() || v.asText().isEmpty() ? null : v.asText();
  }

  private static void append(StringBuilder sb, String name, String value) {
    if (value == null) {
      return;
    }
    if (sb.length() > 0) {
      sb.append('&');
    }
    sb.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static URI withQuery(URI realm, String query) {
    if (query.isEmpty()) {
      return realm;
    }
    String base = realm.toString();
    return URI.create(base + (realm.getRawQuery() == null ? "?" : "&") + query);
  }
}
