package dev.imagestreams.plugin.resolve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.imagestreams.api.v1.ImageStream;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ImageStreams from YAML or JSON text: one or more documents separated by {@code ---}, each
 * an {@code ImageStream}, or a {@code List} of them. Documents of other kinds are skipped, so a
 * GitOps directory of mixed manifests can be given as it is. Pure.
 */
public final class StreamDocuments {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String API_VERSION = ImageStream.GROUP + "/" + ImageStream.VERSION;

  private final KubernetesSerialization serialization;

  public StreamDocuments(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  /**
   * The ImageStreams of one input.
   *
   * @param text the content
   * @param source the input's name, for messages ({@code python.yaml}, {@code <stdin>})
   * @throws InvalidInputException naming the source, the document and what is wrong
   */
  public List<ImageStream> parse(String text, String source) throws InvalidInputException {
    List<ImageStream> streams = new ArrayList<>();
    int index = 0;
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (documents.hasNextValue()) {
        index++;
        JsonNode document = documents.nextValue();
        collect(document, source + ": document " + index, streams);
      }
    } catch (InvalidInputException e) {
      throw e; // already names the source and the document
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          source
              + ": document "
              + Math.max(index, 1)
              + " is not valid YAML or JSON: "
              + e.getOriginalMessage()
              + location(e));
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(
          source + ": document " + Math.max(index, 1) + " cannot be read: " + e.getMessage(), e);
    }
    return streams;
  }

  private void collect(JsonNode document, String where, List<ImageStream> streams)
      throws InvalidInputException {
    if (document == null || document.isNull() || document.isMissingNode()) {
      return; // an empty document, e.g. after a trailing ---
    }
    if (!document.isObject()) {
      throw new InvalidInputException(where + " is not an object");
    }
    String kind = document.path("kind").asText("");
    if (kind.equals("List") || kind.equals("ImageStreamList")) {
      int item = 0;
      for (JsonNode element : document.path("items")) {
        item++;
        collect(element, where + ", item " + item, streams);
      }
      return;
    }
    if (!kind.equals("ImageStream")) {
      return; // other manifests of a GitOps directory
    }
    String apiVersion = document.path("apiVersion").asText("");
    if (!apiVersion.equals(API_VERSION)) {
      throw new InvalidInputException(
          where
              + ": an ImageStream needs apiVersion: "
              + API_VERSION
              + " (found \""
              + apiVersion
              + "\")");
    }
    if (document.path("metadata").path("name").asText("").isEmpty()) {
      throw new InvalidInputException(where + ": the ImageStream has no metadata.name");
    }
    try {
      streams.add(serialization.convertValue(document, ImageStream.class));
    } catch (IllegalArgumentException e) {
      Throwable cause = e.getCause() instanceof JsonProcessingException j ? j : e;
      String message =
          cause instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new InvalidInputException(
          where
              + ": ImageStream "
              + document.path("metadata").path("name").asText()
              + " does not match the schema: "
              + firstLine(message));
    }
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int newline = s.indexOf('\n');
    return newline < 0 ? s : s.substring(0, newline);
  }
}
