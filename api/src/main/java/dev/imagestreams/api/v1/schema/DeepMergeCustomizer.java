package dev.imagestreams.api.v1.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;

/**
 * A schema customizer for the CRD generator that deep-merges a JSON fragment into a type's
 * generated schema: used for what the generator cannot express from Java types (string enums that
 * allow OpenShift's empty value, list types). Used at build time only.
 *
 * <p>The generator's own merge-patch customizer replaces whole {@code properties} maps, which would
 * drop every property not named in the fragment.
 */
public final class DeepMergeCustomizer implements SchemaCustomizer.Customizer {
  @Override
  public JSONSchemaProps apply(
      JSONSchemaProps props, String input, KubernetesSerialization serialization) {
    JsonNode target = serialization.convertValue(props, JsonNode.class);
    JsonNode patch = serialization.unmarshal(input, JsonNode.class);
    merge((ObjectNode) target, patch);
    return serialization.convertValue(target, JSONSchemaProps.class);
  }

  private static void merge(ObjectNode target, JsonNode patch) {
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
        merge(existingObject, field.getValue());
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }
}
