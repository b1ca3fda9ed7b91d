package dev.imagestreams.engine.triggers;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A trigger's {@code fieldPath}, read as OpenShift reads it: the kind's pod-spec path and a dot,
 * then {@code containers[SELECTOR]} or {@code initContainers[SELECTOR]}, then {@code .image}. The
 * selector is an index ({@code 0}, as Go's {@code strconv.Atoi} reads it) or exactly {@code
 * ?(@.name=="NAME")}: double quotes, no spaces; the single-quoted form of old docs matches no
 * container, as in OpenShift.
 *
 * @param init whether it selects an init container
 * @param selector the text between the brackets
 * @param remainder what follows the brackets (without its leading dot); {@code image} when valid
 */
public record FieldPath(boolean init, String selector, String remainder) {
  private static final Pattern INDEX = Pattern.compile("[+-]?[0-9]+");
  private static final String NAME_PREFIX = "?(@.name==\"";
  private static final String NAME_SUFFIX = "\")";

  /** What a fieldPath is, for a kind. */
  public sealed interface Reading permits OtherBase, Malformed, Valid {}

  /** It does not start with the kind's pod-spec path and a dot: OpenShift skips such a trigger. */
  public record OtherBase(PodSpecPath base) implements Reading {}

  /** It starts with the pod-spec path, but the rest is not {@code containers[..].image}. */
  public record Malformed() implements Reading {}

  /** A container image field. */
  public record Valid(FieldPath path) implements Reading {}

  /** Reads {@code fieldPath} for a kind whose pod spec is at {@code base}. */
  public static Reading read(String fieldPath, PodSpecPath base) {
    String prefix = base.path() + ".";
    if (!fieldPath.startsWith(prefix)) {
      return new OtherBase(base);
    }
    String rest = fieldPath.substring(prefix.length());
    boolean init;
    if (rest.startsWith("containers[")) {
      init = false;
      rest = rest.substring("containers[".length());
    } else if (rest.startsWith("initContainers[")) {
      init = true;
      rest = rest.substring("initContainers[".length());
    } else {
      return new Malformed();
    }
    int end = rest.indexOf(']');
    if (end < 0) {
      return new Malformed();
    }
    String selector = rest.substring(0, end);
    String remainder = rest.substring(end + 1);
    if (remainder.startsWith(".")) {
      remainder = remainder.substring(1);
    }
    if (!remainder.equals("image")) {
      return new Malformed();
    }
    return new Valid(new FieldPath(init, selector, remainder));
  }

  /** The list the selector picks from: {@code containers} or {@code initContainers}. */
  public String list() {
    return init ? "initContainers" : "containers";
  }

  /**
   * The index of the selected container in {@code containers} (the init containers' or the others',
   * as {@link #init()} says), or empty when none is selected.
   *
   * @param names the names of that list's containers, in order
   */
  public Optional<Integer> select(List<String> names) {
    if (INDEX.matcher(selector).matches()) {
      long index;
      try {
        index = Long.parseLong(selector);
      } catch (NumberFormatException e) {
        return Optional.empty(); // beyond int64: Atoi fails, and no name matches it
      }
      return index >= 0 && index < names.size() ? Optional.of((int) index) : Optional.empty();
    }
    String name = selector;
    if (name.startsWith(NAME_PREFIX)) {
      name = name.substring(NAME_PREFIX.length());
    }
    if (name.endsWith(NAME_SUFFIX)) {
      name = name.substring(0, name.length() - NAME_SUFFIX.length());
    }
    if (name.equals(selector)) {
      return Optional.empty();
    }
    int index = names.indexOf(name);
    return index < 0 ? Optional.empty() : Optional.of(index);
  }
}
