package dev.imagestreams.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A stream as the API server stores and serves it, in bytes of compact JSON (custom resources are
 * kept as JSON in etcd), with the parts that make it up.
 *
 * @param total the whole object
 * @param managedFields {@code metadata.managedFields}
 * @param metadata the rest of {@code metadata}
 * @param spec {@code spec}
 * @param tagEvents {@code status.tags} (history items, conditions, observed sources)
 * @param images {@code status.images}
 * @param statusRest the rest of {@code status}
 */
record StoredStream(
    int total,
    int managedFields,
    int metadata,
    int spec,
    int tagEvents,
    int images,
    int statusRest) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the stream from the API server as stored. */
  static StoredStream read(KubernetesClient client, String namespace, String name) {
    String raw =
        client.raw("/apis/image.openshift.io/v1/namespaces/" + namespace + "/imagestreams/" + name);
    if (raw == null) {
      throw new IllegalStateException("no stream " + namespace + "/" + name);
    }
    return of(raw);
  }

  static StoredStream of(String json) {
    try {
      ObjectNode stream = (ObjectNode) JSON.readTree(json);
      ObjectNode metadata = (ObjectNode) stream.get("metadata").deepCopy();
      JsonNode managed = metadata.remove("managedFields");
      ObjectNode status =
          stream.has("status")
              ? (ObjectNode) stream.get("status").deepCopy()
              : JSON.createObjectNode();
      JsonNode tags = status.remove("tags");
      JsonNode images = status.remove("images");
      return new StoredStream(
          size(stream),
          size(managed),
          size(metadata),
          size(stream.get("spec")),
          size(tags),
          size(images),
          size(status));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int size(JsonNode node) {
    if (node == null || node.isNull()) {
      return 0;
    }
    try {
      return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8).length;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One table row: the total and its parts, in bytes. */
  String row(String label) {
    return String.format(
        Locale.ROOT,
        "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %,d |",
        label,
        total,
        tagEvents,
        images,
        statusRest,
        spec,
        metadata,
        managedFields);
  }

  static String header() {
    return "| stream | total | status.tags | status.images | rest of status | spec | metadata"
        + " | managedFields |\n|---|---|---|---|---|---|---|---|";
  }
}
