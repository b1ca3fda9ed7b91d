package dev.imagestreams.engine.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The annotation {@value #KEY}, read and written as OpenShift does (Go's {@code encoding/json} into
 * library-go's {@code []ObjectFieldTrigger}):
 *
 * <ul>
 *   <li>a JSON array of objects with {@code from} ({@code kind}, {@code name}, {@code namespace},
 *       {@code apiVersion}), {@code fieldPath} and {@code paused};
 *   <li>keys match case-insensitively, the last of equal keys wins, unknown keys are ignored, and
 *       {@code null} leaves a field unset;
 *   <li>a value of the wrong type ({@code "paused": "false"}), anything but one JSON value, or two
 *       entries with the same {@code fieldPath} invalidate the whole annotation: no entry acts.
 * </ul>
 *
 * Where OpenShift only logs why an annotation is invalid, {@link Parsed#error()} says it precisely.
 */
public final class TriggerAnnotation {
  /** The annotation's key. */
  public static final String KEY = "image.openshift.io/triggers";

  /** The one source kind that acts. */
  public static final String IMAGE_STREAM_TAG = "ImageStreamTag";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private TriggerAnnotation() {}

  /**
   * The annotation read.
   *
   * @param triggers its entries; empty when it is invalid
   * @param error why it is invalid, or null
   */
  public record Parsed(List<ImageTrigger> triggers, String error) {
    public Parsed {
      triggers = List.copyOf(triggers);
    }

    /** Whether the annotation is valid (its entries act). */
    public boolean valid() {
      return error == null;
    }

    static Parsed invalid(String error) {
      return new Parsed(List.of(), error);
    }
  }

  /** Reads the annotation's value. */
  public static Parsed parse(String value) {
    JsonNode root;
    try {
      root = JSON.readTree(value);
    } catch (JsonProcessingException e) {
      return Parsed.invalid("not valid JSON: " + describe(e));
    }
    if (root == null || root.isMissingNode()) {
      return Parsed.invalid("not valid JSON: the value is empty");
    }
    if (root.isNull()) {
      return new Parsed(List.of(), null);
    }
    if (!root.isArray()) {
      return Parsed.invalid("must be a JSON array of triggers, not " + typeOf(root));
    }
    List<ImageTrigger> triggers = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      String at = "[" + i + "]";
      JsonNode entry = root.get(i);
      if (entry.isNull()) {
        triggers.add(new ImageTrigger(null, null, false));
        continue;
      }
      if (!entry.isObject()) {
        return Parsed.invalid(at + " must be an object, not " + typeOf(entry));
      }
      try {
        triggers.add(trigger(entry, at));
      } catch (WrongType e) {
        return Parsed.invalid(e.getMessage());
      }
    }
    for (int i = 0; i < triggers.size(); i++) {
      for (int j = i + 1; j < triggers.size(); j++) {
        if (triggers.get(i).fieldPath().equals(triggers.get(j).fieldPath())) {
          return Parsed.invalid(
              "["
                  + i
                  + "] and ["
                  + j
                  + "] have the same fieldPath \""
                  + triggers.get(i).fieldPath()
                  + "\": duplicate triggers are not allowed");
        }
      }
    }
    return new Parsed(triggers, null);
  }

  /**
   * The annotation's value for these triggers, as OpenShift writes it: keys in its order, {@code
   * namespace}, {@code apiVersion} and {@code paused} left out when empty or false.
   */
  public static String write(List<ImageTrigger> triggers) {
    ArrayNode array = JSON.createArrayNode();
    for (ImageTrigger t : triggers) {
      ObjectNode entry = array.addObject();
      ObjectNode from = entry.putObject("from");
      from.put("kind", t.from().kind());
      from.put("name", t.from().name());
      if (!t.from().namespace().isEmpty()) {
        from.put("namespace", t.from().namespace());
      }
      if (!t.from().apiVersion().isEmpty()) {
        from.put("apiVersion", t.from().apiVersion());
      }
      entry.put("fieldPath", t.fieldPath());
      if (t.paused()) {
        entry.put("paused", true);
      }
    }
    return array.toString();
  }

  private static ImageTrigger trigger(JsonNode entry, String at) throws WrongType {
    ImageTrigger.Source from = null;
    String fieldPath = null;
    Boolean paused = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.equalsIgnoreCase("from")) {
        from = value.isNull() ? null : source(value, at + ".from");
      } else if (key.equalsIgnoreCase("fieldPath")) {
        fieldPath = string(value, at + ".fieldPath").orElse(fieldPath);
      } else if (key.equalsIgnoreCase("paused")) {
        paused = bool(value, at + ".paused").orElse(paused);
      }
    }
    return new ImageTrigger(from, fieldPath, Boolean.TRUE.equals(paused));
  }

  private static ImageTrigger.Source source(JsonNode node, String at) throws WrongType {
    if (!node.isObject()) {
      throw new WrongType(at + " must be an object, not " + typeOf(node));
    }
    String kind = null;
    String name = null;
    String namespace = null;
    String apiVersion = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.equalsIgnoreCase("kind")) {
        kind = string(value, at + ".kind").orElse(kind);
      } else if (key.equalsIgnoreCase("name")) {
        name = string(value, at + ".name").orElse(name);
      } else if (key.equalsIgnoreCase("namespace")) {
        namespace = string(value, at + ".namespace").orElse(namespace);
      } else if (key.equalsIgnoreCase("apiVersion")) {
        apiVersion = string(value, at + ".apiVersion").orElse(apiVersion);
      }
    }
    return new ImageTrigger.Source(kind, name, namespace, apiVersion);
  }

  /** A string value; null leaves the field as it was. */
  private static Optional<String> string(JsonNode value, String at) throws WrongType {
    if (value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new WrongType(at + " must be a string, not " + typeOf(value));
    }
    return Optional.of(value.textValue());
  }

  /** A boolean value; null leaves the field as it was. */
  private static Optional<Boolean> bool(JsonNode value, String at) throws WrongType {
    if (value.isNull()) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      throw new WrongType(at + " must be true or false, not " + typeOf(value));
    }
    return Optional.of(value.booleanValue());
  }

  private static String typeOf(JsonNode node) {
    if (node.isTextual()) {
      return "the string " + node;
    }
    if (node.isNumber()) {
      return "the number " + node;
    }
    if (node.isBoolean()) {
      return node.toString();
    }
    return node.isArray() ? "an array" : "an object";
  }

  private static String describe(JsonProcessingException e) {
    var location = e.getLocation();
    String where = location == null ? "" : " at character " + (location.getCharOffset() + 1);
    String message = e.getOriginalMessage();
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)) + where;
  }

  /** A value of the wrong JSON type: the whole annotation is invalid. */
  private static final class WrongType extends Exception {
    private static final long serialVersionUID = 1L;

    WrongType(String message) {
      super(message, null, false, false);
    }
  }
}
