package dev.imagestreams.registry.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code WWW-Authenticate} header values (RFC 7235): parameters in any order, quoted or bare
 * values with escapes, and several challenges in one header or across several headers. Malformed
 * input yields the challenges that could be read, never an exception.
 */
public final class ChallengeParser {
  private ChallengeParser() {}

  /** Parses every challenge of every header value, in order. */
  public static List<AuthChallenge> parse(List<String> headerValues) {
    List<AuthChallenge> out = new ArrayList<>();
    for (String value : headerValues) {
      if (value != null) {
        new Cursor(value).challenges(out);
      }
    }
    return out;
  }

  /** Parses one header value. */
  public static List<AuthChallenge> parse(String headerValue) {
    return parse(headerValue == null ? List.of() : List.of(headerValue));
  }

  private static final class Cursor {
    private final String s;
    private int pos;

    Cursor(String s) {
      this.s = s;
    }

    void challenges(List<AuthChallenge> out) {
      while (true) {
        skip(" \t,");
        if (pos >= s.length()) {
          return;
        }
        String scheme = token();
        if (scheme.isEmpty()) {
          pos++; // not a token character: skip it and resynchronise
          continue;
        }
        out.add(new AuthChallenge(scheme, parameters()));
      }
    }

    private Map<String, String> parameters() {
      Map<String, String> params = new LinkedHashMap<>();
      while (true) {
        int start = pos;
        skip(" \t");
        String name = token();
        skip(" \t");
        if (name.isEmpty() || pos >= s.length() || s.charAt(pos) != '=') {
          // the next challenge's scheme or the end: not a parameter of this challenge (a token68
          // such as "abc123==" reads as a parameter "abc123" with the value "=", which is harmless)
          pos = start;
          return params;
        }
        pos++; // '='
        skip(" \t");
        String value = pos < s.length() && s.charAt(pos) == '"' ? quoted() : bareValue();
        params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
        skip(" \t");
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
        } else {
          return params;
        }
      }
    }

    private String token() {
      int start = pos;
      while (pos < s.length() && isTokenChar(s.charAt(pos))) {
        pos++;
      }
      return s.substring(start, pos);
    }

    /**
     * An unquoted value: lenient, up to the next comma or whitespace (some servers send URLs bare).
     */
    private String bareValue() {
      int start = pos;
      while (pos < s.length()
          && s.charAt(pos) != ','
          && s.charAt(pos) != ' '
          && s.charAt(pos) != '\t') {
        pos++;
      }
      return s.substring(start, pos);
    }

    private String quoted() {
      StringBuilder sb = new StringBuilder();
      pos++; // opening quote
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '\\' && pos < s.length()) {
          sb.append(s.charAt(pos++));
        } else if (c == '"') {
          return sb.toString();
        } else {
          sb.append(c);
        }
      }
      return sb.toString(); // unterminated: take what there is
    }

    private void skip(String chars) {
      while (pos < s.length() && chars.indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
    }

    private static boolean isTokenChar(char c) {
      return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
  }
}
