package dev.imagestreams.testinfra.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP client of {@link ImagePusher}: answers a registry's authentication challenge (Basic with
 * the credentials; Bearer with a token for the challenged scope plus {@code pull,push} of the
 * repository) and reuses the answer per repository.
 */
final class ChallengeAnsweringClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .sslContext(TestCertificates.trustingAnything())
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final URI baseUri;
  private final Credentials credentials;
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();

  /** A client of the registry at {@code baseUri}, with credentials or {@code null}. */
  ChallengeAnsweringClient(URI baseUri, Credentials credentials) {
    this.baseUri = baseUri;
    this.credentials = credentials;
  }

  /**
   * Sends with the repository's cached authorization; on 401 answers the challenge once and
   * retries.
   */
  HttpResponse<byte[]> send(String repository, HttpRequest.Builder request) {
    String authorization = authorizations.get(repository);
    HttpResponse<byte[]> response = sendOnce(request, authorization);
    if (response.statusCode() != 401) {
      return response;
    }
    String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
    String answer = challenge == null ? null : answerChallenge(challenge, repository);
    if (answer == null || answer.equals(authorization)) {
      return response;
    }
    authorizations.put(repository, answer);
    return sendOnce(request, answer);
  }

  private HttpResponse<byte[]> sendOnce(HttpRequest.Builder request, String authorization) {
    HttpRequest.Builder copy = request.copy().timeout(TIMEOUT);
    if (authorization != null) {
      copy.header("Authorization", authorization);
    }
    try {
      return CLIENT.send(copy.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("request to " + baseUri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private String answerChallenge(String challenge, String repository) {
    String scheme = challenge.trim().split("\\s+", 2)[0];
    if ("Basic".equalsIgnoreCase(scheme)) {
      return credentials == null ? null : credentials.basicAuthorization();
    }
    if (!"Bearer".equalsIgnoreCase(scheme)) {
      return null;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    Matcher matcher = CHALLENGE_PARAMETER.matcher(challenge);
    while (matcher.find()) {
      parameters.put(matcher.group(1).toLowerCase(), matcher.group(2));
    }
    String realm = parameters.get("realm");
    if (realm == null) {
      throw new IllegalStateException("Bearer challenge without realm: " + challenge);
    }
    StringBuilder query = new StringBuilder();
    if (parameters.containsKey("service")) {
      query
          .append("service=")
          .append(URLEncoder.encode(parameters.get("service"), StandardCharsets.UTF_8));
    }
    List<String> scopes = new ArrayList<>();
    if (parameters.containsKey("scope")) {
      scopes.addAll(Arrays.asList(parameters.get("scope").split(" ")));
    }
    String pushScope = "repository:" + repository + ":pull,push";
    if (!scopes.contains(pushScope)) {
      scopes.add(pushScope);
    }
    for (String scope : scopes) {
      query
          .append(query.length() == 0 ? "" : "&")
          .append("scope=")
          .append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    }
    URI tokenUri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
    HttpRequest.Builder tokenRequest = HttpRequest.newBuilder(tokenUri).GET();
    HttpResponse<byte[]> response =
        sendOnce(tokenRequest, credentials == null ? null : credentials.basicAuthorization());
    expect(response, 200);
    try {
      JsonNode body = JSON.readTree(response.body());
      JsonNode token = body.hasNonNull("token") ? body.get("token") : body.get("access_token");
      if (token == null || !token.isTextual()) {
        throw new IllegalStateException(
            "token response without token: " + new String(response.body(), StandardCharsets.UTF_8));
      }
      return "Bearer " + token.asText();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse token response", e);
    }
  }

  /** Fails with the response body unless it has the expected status. */
  static void expect(HttpResponse<byte[]> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.uri()
              + " answered "
              + response.statusCode()
              + " instead of "
              + status
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
  }
}
