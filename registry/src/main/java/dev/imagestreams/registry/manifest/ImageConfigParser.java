package dev.imagestreams.registry.manifest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads an OCI or Docker image config blob into {@link ImageMetadata}. */
public final class ImageConfigParser {
  private final ObjectMapper mapper;

  public ImageConfigParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Parses the config blob; {@code where} names the image for messages. */
  public ImageMetadata parse(byte[] body, String where) throws RegistryException {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JacksonException e) {
      throw RegistryException.of(
          ErrorKind.INVALID_MANIFEST,
          "image config of " + where + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw RegistryException.of(
          ErrorKind.INVALID_MANIFEST,
          "image config of " + where + " cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw RegistryException.of(
          ErrorKind.INVALID_MANIFEST, "image config of " + where + " is not a JSON object");
    }
    JsonNode config = root.path("config");
    return new ImageMetadata(
        instant(root.path("created").asText(null)),
        text(root, "author"),
        text(root, "os"),
        text(root, "architecture"),
        text(root, "variant"),
        strings(config.path("Entrypoint")),
        strings(config.path("Cmd")),
        text(config, "WorkingDir"),
        text(config, "User"),
        new ArrayList<>(keys(config.path("ExposedPorts"))),
        labels(config.path("Labels")),
        strings(config.path("Env")),
        new ArrayList<>(keys(config.path("Volumes"))),
        text(root, "docker_version"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isValueNode() || value.isNull()) {
      return null;
    }
    String text = value.asText();
    return text.isEmpty() ? null : text;
  }

  private static Instant instant(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private static TreeSet<String> keys(JsonNode node) {
    TreeSet<String> out = new TreeSet<>();
    if (node.isObject()) {
      node.properties().forEach(e -> out.add(e.getKey()));
    }
    return out;
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    if (node.isObject()) {
      node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }
}
