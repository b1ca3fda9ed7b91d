package dev.imagestreams.api.v1;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a document against a CRD's structural schema the way the API server's field validation
 * does (unknown fields, types, enums, patterns, required fields), without the CEL rules. Null
 * values of non-nullable fields are pruned by the API server, not rejected: they are reported
 * separately.
 */
final class CrdSchemaValidator {
  private final List<String> violations = new ArrayList<>();
  private final List<String> pruned = new ArrayList<>();

  static CrdSchemaValidator validate(JsonNode schema, JsonNode value, String path) {
    CrdSchemaValidator v = new CrdSchemaValidator();
    v.check(schema, value, path);
    return v;
  }

  List<String> violations() {
    return violations;
  }

  List<String> pruned() {
    return pruned;
  }

  private void check(JsonNode schema, JsonNode value, String path) {
    if (value == null || value.isMissingNode()) {
      return;
    }
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        pruned.add(path);
      }
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> object(schema, value, path);
      case "array" -> {
        if (!value.isArray()) {
          violations.add(path + ": expected an array");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(schema.path("items"), value.get(i), path + "[" + i + "]");
        }
        listMapKeys(schema, value, path);
      }
      case "string" -> {
        if (!value.isTextual()) {
          violations.add(path + ": expected a string");
          return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null) {
          Set<String> values = new java.util.TreeSet<>();
          allowed.forEach(e -> values.add(e.asText()));
          if (!values.contains(value.asText())) {
            violations.add(path + ": \"" + value.asText() + "\" is not one of " + values);
          }
        }
        if (schema.has("pattern")
            && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
          violations.add(
              path
                  + ": \""
                  + value.asText()
                  + "\" does not match "
                  + schema.get("pattern").asText());
        }
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          violations.add(path + ": expected an integer");
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          violations.add(path + ": expected a boolean");
        }
      }
      default -> {}
    }
  }

  private void object(JsonNode schema, JsonNode value, String path) {
    if (!value.isObject()) {
      violations.add(path + ": expected an object");
      return;
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String child = path + "." + field.getKey();
      if (properties.has(field.getKey())) {
        check(properties.get(field.getKey()), field.getValue(), child);
      } else if (additional != null && additional.isObject()) {
        check(additional, field.getValue(), child);
      } else if (!preserve) {
        violations.add(child + ": unknown field");
      }
    }
    for (JsonNode required : schema.path("required")) {
      JsonNode v = value.get(required.asText());
      if (v == null || v.isNull()) {
        violations.add(path + "." + required.asText() + ": required");
      }
    }
  }

  private void listMapKeys(JsonNode schema, JsonNode value, String path) {
    if (!"map".equals(schema.path("x-kubernetes-list-type").asText())) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (JsonNode item : value) {
      StringBuilder key = new StringBuilder();
      for (JsonNode k : schema.path("x-kubernetes-list-map-keys")) {
        key.append(item.path(k.asText()).asText()).append('/');
      }
      if (!seen.add(key.toString())) {
        violations.add(path + ": duplicate entries for key " + key);
      }
    }
  }
}
