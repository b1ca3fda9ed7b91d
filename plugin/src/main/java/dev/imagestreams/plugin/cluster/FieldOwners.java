package dev.imagestreams.plugin.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who owns which spec tag, read from an object's {@code managedFields} (the API server's record of
 * server-side apply and updates). Pure.
 */
public final class FieldOwners {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FieldOwners() {}

  /** The field managers other than {@code self} that own a field of spec tag {@code tag}. */
  public static Set<String> otherOwnersOfTag(ObjectMeta meta, String tag, String self) {
    Set<String> owners = new TreeSet<>();
    for (ManagedFieldsEntry entry : entries(meta)) {
      if (self.equals(entry.getManager()) || "status".equals(entry.getSubresource())) {
        continue;
      }
      if (specTags(entry).contains(tag)) {
        owners.add(entry.getManager());
      }
    }
    return owners;
  }

  /** The spec tags that {@code manager} applied (server-side apply), in the recorded order. */
  public static Set<String> tagsAppliedBy(ObjectMeta meta, String manager) {
    Set<String> tags = new LinkedHashSet<>();
    for (ManagedFieldsEntry entry : entries(meta)) {
      if (manager.equals(entry.getManager())
          && "Apply".equals(entry.getOperation())
          && entry.getSubresource() == null) {
        tags.addAll(specTags(entry));
      }
    }
    return tags;
  }

  private static Iterable<ManagedFieldsEntry> entries(ObjectMeta meta) {
    return meta == null || meta.getManagedFields() == null
        ? java.util.List.of()
        : meta.getManagedFields();
  }

  private static Set<String> specTags(ManagedFieldsEntry entry) {
    Set<String> tags = new LinkedHashSet<>();
    if (entry.getFieldsV1() == null) {
      return tags;
    }
    JsonNode fields = JSON.valueToTree(entry.getFieldsV1().getAdditionalProperties());
    JsonNode specTags = fields.path("f:spec").path("f:tags");
    for (Map.Entry<String, JsonNode> item :
        (Iterable<Map.Entry<String, JsonNode>>) specTags::fields) {
      String key = item.getKey();
      if (!key.startsWith("k:")) {
        continue;
      }
      try {
        JsonNode name = JSON.readTree(key.substring(2)).path("name");
        if (name.isTextual()) {
          tags.add(name.asText());
        }
      } catch (java.io.IOException e) {
        // a key this code does not understand names no tag
      }
    }
    return tags;
  }
}
