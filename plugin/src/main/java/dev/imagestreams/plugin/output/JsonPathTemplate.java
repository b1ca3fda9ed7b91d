package dev.imagestreams.plugin.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subset of kubectl's JSONPath templates ({@code -o jsonpath=...}) that the OpenShift docs and
 * everyday use need: text, {@code {.field.field}}, {@code ['key']}, {@code [N]}, {@code [-N]},
 * {@code [*]}, {@code .*}, filters {@code [?(@.field=="value")]} ({@code ==}, {@code !=}, or the
 * field's presence), string literals {@code {'\n'}} and {@code {"\t"}}, and {@code {range
 * EXPR}...{end}} (nestable). As with kubectl's defaults, a missing key prints nothing, several
 * results of one expression are separated by a space, strings print raw and objects as JSON.
 * fabric8's client has no JSONPath, and the JSONPath libraries do not speak kubectl's template
 * dialect, so this is written narrowly here.
 */
public final class JsonPathTemplate {
  private sealed interface Node permits Text, Expr, Range {}

  private record Text(String text) implements Node {}

  private record Expr(List<Step> path, boolean fromRoot) implements Node {}

  private record Range(Expr over, List<Node> body) implements Node {}

  private sealed interface Step permits Field, Index, Wildcard, Filter {}

  private record Field(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record Wildcard() implements Step {}

  private record Filter(List<Step> path, String op, String value) implements Step {}

  private final List<Node> nodes;

  private JsonPathTemplate(List<Node> nodes) {
    this.nodes = nodes;
  }

  /** Parses a template; a malformed one is an {@link IllegalArgumentException} saying where. */
  public static JsonPathTemplate parse(String template) {
    List<List<Node>> stack = new ArrayList<>();
    List<Expr> ranges = new ArrayList<>();
    List<Node> current = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        current.add(new Text(template.substring(i)));
        break;
      }
      if (open > i) {
        current.add(new Text(template.substring(i, open)));
      }
      int close = closingBrace(template, open);
      String action = template.substring(open + 1, close).trim();
      i = close + 1;
      if (action.startsWith("range ")) {
        stack.add(current);
        ranges.add(expr(action.substring(6).trim()));
        current = new ArrayList<>();
      } else if (action.equals("end")) {
        if (stack.isEmpty()) {
          throw new IllegalArgumentException("unexpected {end} in template " + template);
        }
        Range range = new Range(ranges.remove(ranges.size() - 1), current);
        current = stack.remove(stack.size() - 1);
        current.add(range);
      } else if (action.startsWith("'") || action.startsWith("\"")) {
        current.add(new Text(literal(action)));
      } else {
        current.add(expr(action));
      }
    }
    if (!stack.isEmpty()) {
      throw new IllegalArgumentException("{range} without {end} in template " + template);
    }
    return new JsonPathTemplate(current);
  }

  /** The text the template makes of the document. */
  public String render(JsonNode document) {
    StringBuilder out = new StringBuilder();
    render(nodes, document, document, out);
    return out.toString();
  }

  private static void render(List<Node> nodes, JsonNode root, JsonNode current, StringBuilder out) {
    for (Node node : nodes) {
      if (node instanceof Text t) {
        out.append(t.text());
      } else if (node instanceof Expr e) {
        List<JsonNode> results = eval(e, root, current);
        for (int i = 0; i < results.size(); i++) {
          out.append(text(results.get(i)));
          if (i < results.size() - 1) {
            out.append(' ');
          }
        }
      } else if (node instanceof Range r) {
        for (JsonNode item : eval(r.over(), root, current)) {
          render(r.body(), root, item, out);
        }
      }
    }
  }

  private static List<JsonNode> eval(Expr e, JsonNode root, JsonNode current) {
    return walk(List.of(e.fromRoot() ? root : current), e.path());
  }

  private static List<JsonNode> walk(List<JsonNode> start, List<Step> path) {
    List<JsonNode> nodes = start;
    for (Step step : path) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : nodes) {
        if (step instanceof Field f) {
          JsonNode child = node.get(f.name());
          if (child != null && !child.isNull()) {
            next.add(child);
          }
        } else if (step instanceof Index ix) {
          if (node.isArray()) {
            int index = ix.index() < 0 ? node.size() + ix.index() : ix.index();
            if (index >= 0 && index < node.size()) {
              next.add(node.get(index));
            }
          }
        } else if (step instanceof Wildcard) {
          node.elements().forEachRemaining(next::add);
        } else if (step instanceof Filter filter) {
          node.elements()
              .forEachRemaining(
                  item -> {
                    if (matches(item, filter)) {
                      next.add(item);
                    }
                  });
        }
      }
      nodes = next;
    }
    return nodes;
  }

  private static boolean matches(JsonNode item, Filter filter) {
    List<JsonNode> found = walk(List.of(item), filter.path());
    if (filter.op() == null) {
      return !found.isEmpty();
    }
    String actual = found.isEmpty() ? null : text(found.get(0));
    boolean equal = filter.value().equals(actual);
    return filter.op().equals("==") ? equal : !equal;
  }

  private static String text(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }

  private static Expr expr(String action) {
    String s = action;
    boolean fromRoot = false;
    if (s.startsWith("$")) {
      fromRoot = true;
      s = s.substring(1);
    } else if (s.startsWith("@")) {
      s = s.substring(1);
    }
    return new Expr(steps(s, action), fromRoot);
  }

  private static List<Step> steps(String s, String action) {
    List<Step> steps = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < s.length() && s.charAt(end) != '.' && s.charAt(end) != '[') {
          if (s.charAt(end) == '\\' && end + 1 < s.length()) {
            end++;
          }
          end++;
        }
        String name = s.substring(i + 1, end).replace("\\.", ".");
        if (name.equals("*")) {
          steps.add(new Wildcard());
        } else if (!name.isEmpty()) {
          steps.add(new Field(name));
        }
        i = end;
      } else if (c == '[') {
        int end = bracketEnd(s, i, action);
        String inside = s.substring(i + 1, end).trim();
        i = end + 1;
        if (inside.equals("*")) {
          steps.add(new Wildcard());
        } else if (inside.startsWith("'") || inside.startsWith("\"")) {
          steps.add(new Field(literal(inside)));
        } else if (inside.startsWith("?(") && inside.endsWith(")")) {
          steps.add(filter(inside.substring(2, inside.length() - 1).trim(), action));
        } else {
          try {
            steps.add(new Index(Integer.parseInt(inside)));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                "unsupported JSONPath subscript [" + inside + "] in {" + action + "}");
          }
        }
      } else {
        throw new IllegalArgumentException(
            "unrecognized JSONPath {" + action + "}: expected a field such as .status");
      }
    }
    return steps;
  }

  private static Filter filter(String condition, String action) {
    for (String op : List.of("==", "!=")) {
      int at = condition.indexOf(op);
      if (at > 0) {
        String left = condition.substring(0, at).trim();
        String right = condition.substring(at + 2).trim();
        String value = right.startsWith("'") || right.startsWith("\"") ? literal(right) : right;
        return new Filter(steps(stripAt(left, action), action), op, value);
      }
    }
    return new Filter(steps(stripAt(condition, action), action), null, null);
  }

  private static String stripAt(String s, String action) {
    if (!s.startsWith("@")) {
      throw new IllegalArgumentException("a filter must start with @ in {" + action + "}");
    }
    return s.substring(1);
  }

  private static final Map<Character, Character> ESCAPES =
      Map.of('n', '\n', 't', '\t', 'r', '\r', '\\', '\\', '\'', '\'', '"', '"');

  private static String literal(String quoted) {
    char quote = quoted.charAt(0);
    if (quoted.length() < 2 || quoted.charAt(quoted.length() - 1) != quote) {
      throw new IllegalArgumentException("unterminated string " + quoted);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length() - 1) {
        char next = quoted.charAt(++i);
        out.append(ESCAPES.getOrDefault(next, next));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int closingBrace(String template, int open) {
    char quote = 0;
    for (int i = open + 1; i < template.length(); i++) {
      char c = template.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '}') {
        return i;
      }
    }
    throw new IllegalArgumentException("unclosed action in template " + template);
  }

  private static int bracketEnd(String s, int open, String action) {
    char quote = 0;
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '(') {
        depth++;
      } else if (c == ']' || c == ')') {
        depth--;
        if (depth == 0 && c == ']') {
          return i;
        }
      }
    }
    throw new IllegalArgumentException("unclosed [ in {" + action + "}");
  }
}
