package dev.imagestreams.testinfra.registry;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as {@link FaultProxy} or {@link RecordingServer} received it.
 *
 * @param method the HTTP method
 * @param path the raw (still percent-encoded) path
 * @param query the raw query, or {@code null}
 * @param headers the request headers; names are compared case-insensitively
 * @param body the request body (copied)
 * @param receivedAt when the request arrived
 */
public record RecordedRequest(
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    byte[] body,
    Instant receivedAt) {

  /**
   * Copies the headers into a case-insensitive map and the body.
   *
   * @param method the method
   * @param path the path
   * @param query the query or {@code null}
   * @param headers the headers
   * @param body the body
   * @param receivedAt the arrival time
   */
  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) ->
            copy.merge(
                name,
                List.copyOf(values),
                (a, b) -> {
                  List<String> merged = new ArrayList<>(a);
                  merged.addAll(b);
                  return List.copyOf(merged);
                }));
    headers = Collections.unmodifiableMap(copy);
    body = body.clone();
  }

  static RecordedRequest of(String method, URI uri, Headers headers, byte[] body) {
    return new RecordedRequest(
        method, uri.getRawPath(), uri.getRawQuery(), headers, body, Instant.now());
  }

  /**
   * The request body.
   *
   * @return a copy
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * The first value of a header.
   *
   * @param name the header name, any case
   * @return the value, if the header was sent
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The {@code Authorization} header.
   *
   * @return the value, if sent
   */
  public Optional<String> authorization() {
    return header("Authorization");
  }

  /**
   * Path and query as sent.
   *
   * @return {@code path} or {@code path?query}
   */
  public String pathAndQuery() {
    return query == null ? path : path + "?" + query;
  }

  /**
   * Tells whether this request has a method (any when {@code null} or {@code *}) and a path
   * matching a regex.
   *
   * @param method the method or {@code null}
   * @param pathRegex a regular expression the whole path must match
   * @return whether both match
   */
  public boolean matches(String method, String pathRegex) {
    return (method == null || "*".equals(method) || this.method.equalsIgnoreCase(method))
        && path.matches(pathRegex);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RecordedRequest request
        && method.equals(request.method)
        && path.equals(request.path)
        && Objects.equals(query, request.query)
        && headers.equals(request.headers)
        && Arrays.equals(body, request.body)
        && receivedAt.equals(request.receivedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, path, query, receivedAt);
  }

  @Override
  public String toString() {
    return "RecordedRequest[" + method + " " + pathAndQuery() + ", " + body.length + " body bytes]";
  }
}
