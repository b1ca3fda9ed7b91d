package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.imagestreams.api.v1.schema.DeepMergeCustomizer;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;

/**
 * How a tag is imported.
 *
 * @param insecure allow plain HTTP and unverified TLS for this tag
 * @param scheduled re-import on the cluster-wide schedule
 * @param importMode {@code Legacy} (one platform of a manifest list) or {@code PreserveOriginal}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(
    value = DeepMergeCustomizer.class,
    input = "{\"properties\":{\"importMode\":{\"enum\":[\"\",\"Legacy\",\"PreserveOriginal\"]}}}")
public record TagImportPolicy(
    @JsonPropertyDescription(
            "Insecure is true if the server may bypass certificate verification or connect directly over HTTP during image import.")
        Boolean insecure,
    @JsonPropertyDescription(
            "Scheduled indicates to the server that this tag should be periodically checked to ensure it is up to date, and imported")
        Boolean scheduled,
    @JsonPropertyDescription(
            "ImportMode describes how to import an image manifest: Legacy imports one platform of a manifest"
                + " list, PreserveOriginal keeps the manifest list.")
        String importMode) {}
