package dev.imagestreams.testinfra.registry;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the {@code access} claim of a {@link TokenServer} token, also the parsed form of a
 * {@code scope} parameter ({@code type:name:action,action}).
 *
 * @param type the resource type, usually {@code repository}
 * @param name the resource name, for example {@code team/app}
 * @param actions the actions, for example {@code pull} and {@code push}
 */
public record TokenAccess(String type, String name, List<String> actions) {

  /**
   * Validates and copies the components.
   *
   * @param type the resource type
   * @param name the resource name
   * @param actions the actions
   */
  public TokenAccess {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    actions = List.copyOf(actions);
  }

  /**
   * Parses a scope such as {@code repository:team/app:pull,push}.
   *
   * @param scope the scope
   * @return the access, or {@code null} when the scope is malformed
   */
  public static TokenAccess parse(String scope) {
    int first = scope.indexOf(':');
    int last = scope.lastIndexOf(':');
    if (first <= 0 || last == first) {
      return null;
    }
    Set<String> actions = new LinkedHashSet<>();
    for (String action : scope.substring(last + 1).split(",")) {
      if (!action.isBlank()) {
        actions.add(action.trim());
      }
    }
    return new TokenAccess(
        scope.substring(0, first), scope.substring(first + 1, last), List.copyOf(actions));
  }

  Map<String, Object> toClaim() {
    Map<String, Object> claim = new LinkedHashMap<>();
    claim.put("type", type);
    claim.put("name", name);
    claim.put("actions", actions);
    return claim;
  }
}
