package dev.imagestreams.testinfra.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A status, headers and body: what the upstream of a {@link FaultProxy} answered or what a {@link
 * Fault} sends.
 *
 * @param status the status code
 * @param headers the headers, names in any case
 * @param body the body (copied)
 */
public record ProxyResponse(int status, Map<String, List<String>> headers, byte[] body) {

  /**
   * Copies headers and body.
   *
   * @param status the status
   * @param headers the headers
   * @param body the body
   */
  public ProxyResponse {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
    body = body.clone();
  }

  /**
   * The body.
   *
   * @return a copy
   */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * All values of a header.
   *
   * @param name the name, any case
   * @return the values, possibly none
   */
  public List<String> headerValues(String name) {
    List<String> values = new ArrayList<>();
    headers.forEach(
        (key, list) -> {
          if (key.equalsIgnoreCase(name)) {
            values.addAll(list);
          }
        });
    return values;
  }

  /**
   * A mutable copy of the headers without one header.
   *
   * @param name the name to drop, any case
   * @return the other headers
   */
  public Map<String, List<String>> headersWithout(String name) {
    Map<String, List<String>> copy = new LinkedHashMap<>(headers);
    copy.keySet().removeIf(key -> key.equalsIgnoreCase(name));
    return copy;
  }

  static Map<String, List<String>> single(Map<String, String> headers) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    headers.forEach((name, value) -> multi.put(name, List.of(value)));
    return multi;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProxyResponse response
        && status == response.status
        && headers.equals(response.headers)
        && Arrays.equals(body, response.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "ProxyResponse[" + status + ", " + body.length + " bytes]";
  }
}
