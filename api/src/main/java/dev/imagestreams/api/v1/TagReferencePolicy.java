package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.imagestreams.api.v1.schema.DeepMergeCustomizer;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;

/**
 * How consumers reference a tag's image: {@code Source} (the external pull spec, default) or {@code
 * Local} (through the stream's internal repository).
 *
 * @param type {@code Source} or {@code Local}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(
    value = DeepMergeCustomizer.class,
    input = "{\"properties\":{\"type\":{\"enum\":[\"\",\"Source\",\"Local\"]}}}")
public record TagReferencePolicy(
    @JsonPropertyDescription(
            "Type determines how the image pull spec should be transformed: Source or Local.")
        String type) {}
