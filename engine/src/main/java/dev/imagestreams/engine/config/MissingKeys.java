package dev.imagestreams.engine.config;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The first required key found missing while a document is bound: reported once binding is over, so
 * that an unknown key next to it (a misspelling of it, most likely) is reported first.
 */
final class MissingKeys {
  private String first;

  /** The instance of the binding in progress. */
  static MissingKeys of(DeserializationContext ctxt) {
    return (MissingKeys) ctxt.getAttribute(MissingKeys.class);
  }

  /** Notes that {@code key} is missing from the mapping the parser is in. */
  void add(JsonStreamContext mapping, String key) {
    if (first == null) {
      String path = pathOf(mapping);
      first = path.isEmpty() ? key : path + "." + key;
    }
  }

  /** The first missing key's path, if any. */
  String first() {
    return first;
  }

  private static String pathOf(JsonStreamContext context) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
    }
    return String.join(".", parts).replace(".[", "[");
  }
}
