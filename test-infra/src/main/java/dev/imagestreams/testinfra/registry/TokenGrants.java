package dev.imagestreams.testinfra.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Whom a {@link TokenServer} issues tokens to and what they grant: a user with valid Basic
 * credentials every requested action; an anonymous client, when allowed, {@code pull} on public
 * repositories only.
 */
final class TokenGrants {
  private final Map<String, String> users;
  private final boolean anonymousAllowed;
  private final List<Pattern> publicRepositories;

  /**
   * @param users passwords by user name
   * @param anonymousAllowed whether requests without credentials get tokens
   * @param publicRepositories repository names anonymous clients may pull; {@code *} matches any
   *     characters
   */
  TokenGrants(
      Map<String, String> users, boolean anonymousAllowed, List<String> publicRepositories) {
    this.users = Map.copyOf(users);
    this.anonymousAllowed = anonymousAllowed;
    this.publicRepositories = publicRepositories.stream().map(TokenGrants::globToPattern).toList();
  }

  /**
   * What a token request gets.
   *
   * @param user the authenticated user, {@code null} when anonymous or refused
   * @param granted the access the token grants
   * @param refusal why no token is issued, or {@code null}
   */
  record Decision(String user, List<TokenAccess> granted, String refusal) {
    static Decision refused(String why) {
      return new Decision(null, List.of(), why);
    }
  }

  /** The decision for a request with an {@code Authorization} header ({@code null}: none). */
  Decision decide(String authorization, List<String> scopes) {
    if (authorization == null) {
      return anonymousAllowed
          ? new Decision(null, anonymousAccess(scopes), null)
          : Decision.refused("anonymous tokens are not issued; send Basic credentials");
    }
    String user = authenticate(authorization);
    return user == null
        ? Decision.refused("incorrect username or password")
        : new Decision(user, userAccess(scopes), null);
  }

  private String authenticate(String authorization) {
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String username = decoded.substring(0, colon);
    String password = users.get(username);
    return password != null && password.equals(decoded.substring(colon + 1)) ? username : null;
  }

  /** What an authenticated user gets: every well-formed requested scope. */
  private static List<TokenAccess> userAccess(List<String> scopes) {
    return scopes.stream().map(TokenAccess::parse).filter(Objects::nonNull).toList();
  }

  /** What an anonymous client gets: {@code pull} of the requested public repositories. */
  private List<TokenAccess> anonymousAccess(List<String> scopes) {
    List<TokenAccess> granted = new ArrayList<>();
    for (String scope : scopes) {
      TokenAccess access = TokenAccess.parse(scope);
      if (access != null
          && "repository".equals(access.type())
          && access.actions().contains("pull")
          && publicRepositories.stream()
              .anyMatch(pattern -> pattern.matcher(access.name()).matches())) {
        granted.add(new TokenAccess(access.type(), access.name(), List.of("pull")));
      }
    }
    return granted;
  }

  private static Pattern globToPattern(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }
}
