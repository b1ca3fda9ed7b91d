package dev.imagestreams.testinfra.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The HTTP side of a {@link TokenServer}: {@code GET /token?service=S&scope=...} answered with a
 * token or a JSON error, every request recorded.
 *
 * @param grants whom tokens are issued to, with what access
 * @param service the service when a request names none
 * @param expiresIn the tokens' lifetime
 * @param recorder where each request is recorded
 * @param issuer signs the tokens
 */
record TokenEndpoint(
    TokenGrants grants,
    String service,
    Duration expiresIn,
    Consumer<TokenRequest> recorder,
    Issuer issuer)
    implements HttpHandler {

  /** Issues a token: subject ({@code ""} when anonymous), audience, access, lifetime. */
  @FunctionalInterface
  interface Issuer {
    String issue(String subject, String audience, List<TokenAccess> access, Duration lifetime);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      Map<String, List<String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
      List<String> scopes =
          query.getOrDefault("scope", List.of()).stream()
              .flatMap(scope -> Arrays.stream(scope.split(" ")))
              .filter(scope -> !scope.isEmpty())
              .toList();
      String requestedService = query.getOrDefault("service", List.of(service)).get(0);
      if (!"GET".equals(exchange.getRequestMethod())
          || !"/token".equals(exchange.getRequestURI().getPath())) {
        record(exchange, null, requestedService, scopes, 404);
        sendError(exchange, 404, "NOT_FOUND", "only GET /token is served here");
        return;
      }
      TokenGrants.Decision decision =
          grants.decide(exchange.getRequestHeaders().getFirst("Authorization"), scopes);
      if (decision.refusal() != null) {
        record(exchange, null, requestedService, scopes, 401);
        sendError(exchange, 401, "UNAUTHORIZED", decision.refusal());
        return;
      }
      record(exchange, decision.user(), requestedService, scopes, 200);
      sendToken(exchange, decision, requestedService);
    }
  }

  private void sendToken(HttpExchange exchange, TokenGrants.Decision decision, String audience)
      throws IOException {
    Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String subject = decision.user() == null ? "" : decision.user();
    String token = issuer.issue(subject, audience, decision.granted(), expiresIn);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", token);
    body.put("access_token", token);
    body.put("expires_in", expiresIn.toSeconds());
    body.put("issued_at", issuedAt.toString());
    send(exchange, 200, TokenSigner.json(body));
  }

  private void record(
      HttpExchange exchange,
      String user,
      String requestedService,
      List<String> scopes,
      int status) {
    recorder.accept(
        new TokenRequest(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Authorization") != null,
            user,
            requestedService,
            scopes,
            status));
  }

  private static void sendError(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("detail", null);
    if (status == 401) {
      exchange
          .getResponseHeaders()
          .set("WWW-Authenticate", "Basic realm=\"imagestream-test-token-server\"");
    }
    send(exchange, status, TokenSigner.json(Map.of("errors", List.of(error))));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name =
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value =
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return parameters;
  }
}
