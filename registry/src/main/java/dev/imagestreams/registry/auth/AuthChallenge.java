package dev.imagestreams.registry.auth;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header, such as {@code Bearer
 * realm="https://auth.docker.io/token",service="registry.docker.io"}.
 *
 * @param scheme the auth scheme, lower case ({@code bearer}, {@code basic})
 * @param parameters the parameters, names in lower case
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {
  public AuthChallenge {
    scheme = scheme.toLowerCase(Locale.ROOT);
    parameters = Map.copyOf(parameters);
  }

  public boolean isBearer() {
    return scheme.equals("bearer");
  }

  public boolean isBasic() {
    return scheme.equals("basic");
  }

  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
  }

  public Optional<String> realm() {
    return parameter("realm");
  }

  public Optional<String> service() {
    return parameter("service");
  }

  public Optional<String> scope() {
    return parameter("scope");
  }

  /**
   * Bearer challenges carry an {@code error} such as {@code insufficient_scope} on a refused token.
   */
  public Optional<String> error() {
    return parameter("error");
  }
}
