package dev.imagestreams.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RateLimitInfo;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.http.RegistryResponse;
import java.io.IOException;
import java.time.Clock;

/**
 * Turns an unsuccessful distribution API response into a {@link RegistryException} with a precise,
 * safe message: the status, the registry's error code and (shortened, printable) message.
 */
final class DistributionErrors {
  private static final int MAX_DETAIL = 200;

  private final ObjectMapper mapper;
  private final Clock clock;

  DistributionErrors(ObjectMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  /** The registry's first error: code and message, both possibly null. */
  record RegistryError(String code, String message) {
    String describe() {
      if (code == null && message == null) {
        return "";
      }
      if (code == null) {
        return message;
      }
      return message == null ? code : code + ": " + message;
    }
  }

  RegistryError parse(byte[] body) {
    if (body == null || body.length == 0) {
      return new RegistryError(null, null);
    }
    try {
      JsonNode first = mapper.readTree(body).path("errors").path(0);
      String code = first.path("code").asText(null);
      String message = first.path("message").asText(null);
      return new RegistryError(sanitize(code), sanitize(message));
    } catch (IOException | RuntimeException e) {
      return new RegistryError(null, null);
    }
  }

  /**
   * The exception for a response to a manifest or blob request.
   *
   * @param response the unsuccessful response
   * @param image the reference being resolved, as the user wrote it
   * @param what what was requested, e.g. {@code manifest 3.6} or {@code config blob sha256:...}
   * @param host the registry host
   * @param authenticated whether credentials were sent
   */
  RegistryException forResponse(
      RegistryResponse response, String image, String what, String host, boolean authenticated) {
    int status = response.status();
    RegistryError error = parse(response.body());
    RateLimitInfo rateLimit = RateLimitInfo.from(response.headers(), clock);
    String detail = error.describe().isEmpty() ? "" : " (" + error.describe() + ")";
    ErrorKind kind = kindOf(status);
    String message =
        switch (kind) {
          case UNAUTHORIZED ->
              authenticated
                  ? "registry " + host + " rejected the credentials for \"" + image + "\"" + detail
                  : "you may not have access to the container image \""
                      + image
                      + "\": registry "
                      + host
                      + " requires credentials and none were found"
                      + detail;
          case FORBIDDEN -> "registry " + host + " denied access to \"" + image + "\"" + detail;
          case NOT_FOUND -> notFoundMessage(image, what, error.code(), detail);
          case RATE_LIMITED -> {
            String limits = rateLimit.describe();
            yield "registry "
                + host
                + " is rate limiting requests"
                + detail
                + (limits.isEmpty() ? "" : "; " + limits);
          }
          case UNAVAILABLE ->
              "registry "
                  + host
                  + " failed with HTTP "
                  + status
                  + " for "
                  + what
                  + " of \""
                  + image
                  + "\""
                  + detail;
          default ->
              "registry "
                  + host
                  + " refused the request for "
                  + what
                  + " of \""
                  + image
                  + "\" with HTTP "
                  + status
                  + detail;
        };
    return RegistryException.fromResponse(kind, message, status, error.code(), rateLimit);
  }

  /** What an unsuccessful status means: 401, 403, 404, 429, 5xx, and any other refusal. */
  private static ErrorKind kindOf(int status) {
    return switch (status) {
      case 401 -> ErrorKind.UNAUTHORIZED;
      case 403 -> ErrorKind.FORBIDDEN;
      case 404 -> ErrorKind.NOT_FOUND;
      case 429 -> ErrorKind.RATE_LIMITED;
      default -> status >= 500 ? ErrorKind.UNAVAILABLE : ErrorKind.BAD_REQUEST;
    };
  }

  private static String notFoundMessage(String image, String what, String code, String detail) {
    if ("NAME_UNKNOWN".equals(code)) {
      return "image \"" + image + "\" not found: the repository does not exist" + detail;
    }
    if ("MANIFEST_UNKNOWN".equals(code)) {
      return "image \"" + image + "\" not found: " + what + " does not exist" + detail;
    }
    return "image \"" + image + "\" not found: " + what + " does not exist (HTTP 404)" + detail;
  }

  /** Printable ASCII only, shortened: registry text ends up in conditions and events. */
  static String sanitize(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < MAX_DETAIL; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : ' ');
    }
    String out = sb.toString().trim();
    if (s.length() > MAX_DETAIL) {
      out += "...";
    }
    return out.isEmpty() ? null : out;
  }
}
