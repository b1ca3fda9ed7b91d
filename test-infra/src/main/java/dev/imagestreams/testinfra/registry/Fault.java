package dev.imagestreams.testinfra.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link FaultProxy} does with a request that matches a rule, instead of plain forwarding. The
 * static factories cover the faults a real registry will not produce on demand; implement the
 * interface for others.
 *
 * <pre>{@code
 * proxy.when("GET", "/v2/.+/manifests/.+").times(1).then(Fault.tooManyRequests(Duration.ofSeconds(2)));
 * }</pre>
 */
@FunctionalInterface
public interface Fault {

  /**
   * Handles one request.
   *
   * @param exchange the request, with the means to forward it and to answer it
   * @throws IOException when the client connection fails
   */
  void apply(ProxyExchange exchange) throws IOException;

  /**
   * Answers directly with a fixed response, without contacting the upstream.
   *
   * @param status the status code
   * @param headers response headers
   * @param body the body (UTF-8); not sent to HEAD requests
   * @return the fault
   */
  static Fault status(int status, Map<String, String> headers, String body) {
    ProxyResponse response =
        new ProxyResponse(
            status, ProxyResponse.single(headers), body.getBytes(StandardCharsets.UTF_8));
    return exchange -> exchange.respond(response);
  }

  /**
   * Answers directly with a status and a distribution-style JSON error body.
   *
   * @param status the status code, for example 500 or 503
   * @return the fault
   */
  static Fault status(int status) {
    String code =
        switch (status) {
          case 401 -> "UNAUTHORIZED";
          case 403 -> "DENIED";
          case 404 -> "NAME_UNKNOWN";
          case 429 -> "TOOMANYREQUESTS";
          case 503 -> "UNAVAILABLE";
          default -> "UNKNOWN";
        };
    return status(
        status,
        Map.of("Content-Type", "application/json"),
        errorBody(code, "injected by FaultProxy: HTTP " + status));
  }

  /**
   * Docker Hub's rate limit answer: 429 with {@code Retry-After}, {@code ratelimit-limit:
   * 100;w=21600}, {@code ratelimit-remaining: 0;w=21600} and a {@code TOOMANYREQUESTS} error body.
   *
   * @param retryAfter the {@code Retry-After} value, whole seconds
   * @return the fault
   */
  static Fault tooManyRequests(Duration retryAfter) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Retry-After", Long.toString(retryAfter.toSeconds()));
    headers.put("ratelimit-limit", "100;w=21600");
    headers.put("ratelimit-remaining", "0;w=21600");
    headers.put("docker-ratelimit-source", "127.0.0.1");
    return status(
        429,
        headers,
        errorBody(
            "TOOMANYREQUESTS",
            "You have reached your pull rate limit. You may increase the limit by authenticating and upgrading"));
  }

  /**
   * 500 with an {@code UNKNOWN} error body.
   *
   * @return the fault
   */
  static Fault serverError() {
    return status(500);
  }

  /**
   * 503 with an {@code UNAVAILABLE} error body.
   *
   * @return the fault
   */
  static Fault serviceUnavailable() {
    return status(503);
  }

  /**
   * Holds each matching request until {@code arrivals} of them have arrived (or {@code atMost} has
   * passed), then forwards it: requests that are certainly under way at the same time.
   *
   * @param arrivals how many requests to wait for
   * @param atMost how long one waits at most
   * @return the fault
   */
  static Fault holdUntilArrived(int arrivals, Duration atMost) {
    CountDownLatch arrived = new CountDownLatch(arrivals);
    return exchange -> {
      arrived.countDown();
      try {
        arrived.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.respond(exchange.forward());
    };
  }

  /**
   * Forwards, waits, then sends the upstream's status and headers: a server slow to answer at all.
   *
   * @param delay the wait before the status line (cut short when the proxy closes)
   * @return the fault
   */
  static Fault slowHeaders(Duration delay) {
    return exchange -> {
      ProxyResponse response = exchange.forward();
      exchange.pause(delay);
      exchange.respond(response);
    };
  }

  /**
   * Forwards, sends the upstream's status and headers (with the full {@code Content-Length}) at
   * once, then stalls before sending the body.
   *
   * @param delay the stall between headers and body (cut short when the proxy closes)
   * @return the fault
   */
  static Fault slowBody(Duration delay) {
    return exchange -> {
      ProxyResponse response = exchange.forward();
      if (exchange.isHead() || response.body().length == 0) {
        exchange.respond(response);
        return;
      }
      byte[] body = response.body();
      OutputStream out = exchange.sendHeaders(response.status(), response.headers(), body.length);
      out.flush();
      exchange.pause(delay);
      out.write(body);
      out.close();
    };
  }

  /**
   * Applies a fault to every other request it sees, starting with the first, and forwards the
   * others: a registry behind a load balancer with one failing backend.
   *
   * @param fault the fault for the first, third, fifth... request
   * @return the fault
   */
  static Fault everyOther(Fault fault) {
    java.util.concurrent.atomic.AtomicInteger seen =
        new java.util.concurrent.atomic.AtomicInteger();
    return exchange -> {
      if (seen.getAndIncrement() % 2 == 0) {
        fault.apply(exchange);
      } else {
        exchange.respond(exchange.forward());
      }
    };
  }

  /**
   * Accepts the request and never answers, until the proxy is closed.
   *
   * @return the fault
   */
  static Fault hang() {
    return exchange -> exchange.pause(Duration.ofDays(1));
  }

  /**
   * Forwards, announces the upstream's full {@code Content-Length}, sends only the first bytes of
   * the body and closes the connection. Responses without a body are forwarded unchanged.
   *
   * @param bytes how many body bytes to send (at most the body length minus one)
   * @return the fault
   */
  static Fault truncateBody(int bytes) {
    return exchange -> {
      ProxyResponse response = exchange.forward();
      byte[] body = response.body();
      if (exchange.isHead() || body.length == 0) {
        exchange.respond(response);
        return;
      }
      OutputStream out = exchange.sendHeaders(response.status(), response.headers(), body.length);
      out.write(body, 0, Math.max(0, Math.min(bytes, body.length - 1)));
      out.flush();
      exchange.abort();
    };
  }

  /**
   * Forwards and appends a space to a successful GET body, keeping the upstream's {@code
   * Docker-Content-Digest}: the body no longer matches its digest (it is still valid JSON).
   *
   * @return the fault
   */
  static Fault tamperManifest() {
    return exchange -> {
      ProxyResponse response = exchange.forward();
      byte[] body = response.body();
      if (exchange.isHead() || response.status() / 100 != 2 || body.length == 0) {
        exchange.respond(response);
        return;
      }
      byte[] tampered = Arrays.copyOf(body, body.length + 1);
      tampered[body.length] = ' ';
      exchange.respond(new ProxyResponse(response.status(), response.headers(), tampered));
    };
  }

  /**
   * Forwards and answers with the upstream's status and headers but a body of exactly {@code bytes}
   * bytes: the upstream body followed by JSON whitespace padding (so it stays valid JSON), with a
   * matching {@code Content-Length}. A HEAD request gets {@code Content-Length: bytes}. The body is
   * streamed, so large sizes are fine. If the upstream body is already larger, it is sent
   * unchanged.
   *
   * @param bytes the body size
   * @return the fault
   */
  static Fault oversize(long bytes) {
    return exchange -> {
      ProxyResponse response = exchange.forward();
      byte[] body = response.body();
      long size = Math.max(bytes, body.length);
      OutputStream out = exchange.sendHeaders(response.status(), response.headers(), size);
      if (exchange.isHead()) {
        return;
      }
      out.write(body);
      byte[] padding = new byte[64 * 1024];
      Arrays.fill(padding, (byte) ' ');
      for (long remaining = size - body.length; remaining > 0; remaining -= padding.length) {
        out.write(padding, 0, (int) Math.min(padding.length, remaining));
      }
      out.close();
    };
  }

  /**
   * Answers 307 with {@code Location} = {@code otherBaseUri} + the request's path and query,
   * without contacting the upstream (as registries do that redirect blob downloads to a storage
   * host).
   *
   * @param otherBaseUri for example {@link RecordingServer#baseUri()}
   * @return the fault
   */
  static Fault redirectTo(URI otherBaseUri) {
    String base = otherBaseUri.toString().replaceAll("/+$", "");
    return exchange ->
        exchange.respond(
            new ProxyResponse(
                307,
                Map.of("Location", List.of(base + exchange.request().pathAndQuery())),
                new byte[0]));
  }

  /**
   * Forwards and, on a 401, replaces the {@code realm} of the {@code WWW-Authenticate}
   * challenge(s), for example with {@code http://169.254.169.254/token} to test that a client
   * refuses to send credentials there.
   *
   * @param realm the new realm
   * @return the fault
   */
  static Fault rewriteChallenge(String realm) {
    Pattern pattern = Pattern.compile("(?i)\\brealm=\"[^\"]*\"");
    String replacement = Matcher.quoteReplacement("realm=\"" + realm + "\"");
    return onChallenge(
        challenges ->
            challenges.stream()
                .map(value -> pattern.matcher(value).replaceAll(replacement))
                .toList());
  }

  /**
   * Forwards and, on a 401, replaces the whole {@code WWW-Authenticate} header, for example to
   * reorder parameters or to offer several challenges in one header or in several.
   *
   * @param values the new header value(s); each is sent as one header line
   * @return the fault
   */
  static Fault rewriteChallengeHeader(String... values) {
    List<String> challenges = List.of(values);
    return onChallenge(original -> challenges);
  }

  /** Forwards and, on a 401, answers with the {@code WWW-Authenticate} values rewritten. */
  private static Fault onChallenge(UnaryOperator<List<String>> rewrite) {
    return exchange -> {
      ProxyResponse response = exchange.forward();
      if (response.status() != 401) {
        exchange.respond(response);
        return;
      }
      Map<String, List<String>> headers = response.headersWithout("WWW-Authenticate");
      headers.put("WWW-Authenticate", rewrite.apply(response.headerValues("WWW-Authenticate")));
      exchange.respond(new ProxyResponse(401, headers, response.body()));
    };
  }

  private static String errorBody(String code, String message) {
    return "{\"errors\":[{\"code\":\""
        + code
        + "\",\"message\":\""
        + message
        + "\",\"detail\":null}]}";
  }
}
