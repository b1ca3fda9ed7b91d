package dev.imagestreams.registry.manifest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.reference.Digest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses manifest bytes into a {@link ParsedManifest}. The media type comes from the response's
 * {@code Content-Type}, or from the manifest's own {@code mediaType} field when the registry sent a
 * generic type. Docker schema 1, artifacts and unknown types are rejected as {@link
 * ErrorKind#UNSUPPORTED}; malformed documents as {@link ErrorKind#INVALID_MANIFEST}.
 */
public final class ManifestParser {
  private final ObjectMapper mapper;

  public ManifestParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Parses a manifest.
   *
   * @param body the manifest bytes
   * @param contentType the response {@code Content-Type}, may be null
   * @param where the reference being read, for messages
   */
  public ParsedManifest parse(byte[] body, String contentType, String where)
      throws RegistryException {
    JsonNode root = readTree(body, where);
    String mediaType = effectiveMediaType(MediaTypes.normalize(contentType), root);
    if (MediaTypes.isSchema1(mediaType) || root.path("schemaVersion").asInt() == 1) {
      throw RegistryException.of(
          ErrorKind.UNSUPPORTED,
          "unsupported manifest type "
              + MediaTypes.DOCKER_MANIFEST_V1
              + " (Docker schema 1) for "
              + where
              + ": push the image again with a current client");
    }
    if (mediaType == null) {
      throw RegistryException.of(
          ErrorKind.INVALID_MANIFEST, "manifest of " + where + " has no media type");
    }
    if (MediaTypes.isList(mediaType)) {
      return new ManifestList(mediaType, entries(root, where));
    }
    if (MediaTypes.isImageManifest(mediaType)) {
      return imageManifest(mediaType, root, where);
    }
    throw RegistryException.of(
        ErrorKind.UNSUPPORTED, "unsupported manifest type " + mediaType + " for " + where);
  }

  private JsonNode readTree(byte[] body, String where) throws RegistryException {
    try {
      JsonNode root = mapper.readTree(body);
      if (root == null || !root.isObject()) {
        throw RegistryException.of(
            ErrorKind.INVALID_MANIFEST, "manifest of " + where + " is not a JSON object");
      }
      return root;
    } catch (JacksonException e) {
      throw RegistryException.of(
          ErrorKind.INVALID_MANIFEST,
          "manifest of " + where + " is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw RegistryException.of(
          ErrorKind.INVALID_MANIFEST,
          "manifest of " + where + " cannot be read: " + e.getMessage());
    }
  }

  private static String effectiveMediaType(String header, JsonNode root) {
    boolean generic =
        header == null
            || header.equals("application/json")
            || header.equals("application/octet-stream")
            || header.equals("text/plain");
    if (!generic) {
      return header;
    }
    String declared = root.path("mediaType").asText(null);
    if (declared != null && !declared.isEmpty()) {
      return declared;
    }
    if (root.has("manifests")) {
      return MediaTypes.OCI_INDEX;
    }
    if (root.has("config") && root.has("layers")) {
      return MediaTypes.OCI_MANIFEST;
    }
    return null;
  }

  private ImageManifest imageManifest(String mediaType, JsonNode root, String where)
      throws RegistryException {
    JsonNode config = root.get("config");
    if (config == null || !config.isObject()) {
      throw RegistryException.of(
          ErrorKind.INVALID_MANIFEST, "manifest of " + where + " has no config descriptor");
    }
    Descriptor configDescriptor = descriptor(config, "config", where);
    String configType = configDescriptor.mediaType();
    if (configType != null
        && !configType.equals(MediaTypes.OCI_CONFIG)
        && !configType.equals(MediaTypes.DOCKER_CONFIG)) {
      throw RegistryException.of(
          ErrorKind.UNSUPPORTED,
          "unsupported manifest for "
              + where
              + ": config media type "
              + configType
              + " is not a container image (an OCI artifact?)");
    }
    List<Layer> layers = new ArrayList<>();
    JsonNode layersNode = root.path("layers");
    if (!layersNode.isMissingNode() && !layersNode.isArray()) {
      throw RegistryException.of(
          ErrorKind.INVALID_MANIFEST, "manifest of " + where + " has a malformed layers field");
    }
    for (JsonNode layer : layersNode) {
      Descriptor d = descriptor(layer, "layer", where);
      layers.add(new Layer(d.digest(), d.size(), d.mediaType()));
    }
    return new ImageManifest(mediaType, configDescriptor, layers);
  }

  private List<PlatformManifest> entries(JsonNode root, String where) throws RegistryException {
    JsonNode manifests = root.get("manifests");
    if (manifests == null || !manifests.isArray()) {
      throw RegistryException.of(
          ErrorKind.INVALID_MANIFEST, "manifest list of " + where + " has no manifests array");
    }
    List<PlatformManifest> entries = new ArrayList<>();
    for (JsonNode entry : manifests) {
      Descriptor d = descriptor(entry, "manifest list entry", where);
      JsonNode platform = entry.path("platform");
      String os = platform.path("os").asText("");
      String architecture = platform.path("architecture").asText("");
      Platform p =
          new Platform(
              os.isEmpty() ? "unknown" : os,
              architecture.isEmpty() ? "unknown" : architecture,
              platform.path("variant").asText(null));
      entries.add(new PlatformManifest(d.digest(), d.mediaType(), d.size(), p, d.annotations()));
    }
    return entries;
  }

  private static Descriptor descriptor(JsonNode node, String what, String where)
      throws RegistryException {
    String digest = node.path("digest").asText(null);
    if (digest == null) {
      throw RegistryException.of(
          ErrorKind.INVALID_MANIFEST,
          "a " + what + " in the manifest of " + where + " has no digest");
    }
    Digest parsed;
    try {
      parsed = Digest.parse(digest);
    } catch (RegistryException e) {
      throw RegistryException.of(
          ErrorKind.INVALID_MANIFEST,
          "a "
              + what
              + " in the manifest of "
              + where
              + " has an invalid digest: "
              + e.getMessage());
    }
    long size = node.path("size").asLong(-1);
    if (size < 0) {
      throw RegistryException.of(
          ErrorKind.INVALID_MANIFEST,
          "a " + what + " in the manifest of " + where + " has no valid size");
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    node.path("annotations")
        .properties()
        .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
    return new Descriptor(node.path("mediaType").asText(null), parsed, size, annotations);
  }
}
