package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Nullable;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/**
 * A spec tag: a name and the image it points at.
 *
 * @param name the tag name, at most {@value #MAX_NAME_LENGTH} characters
 * @param annotations annotations of the tag (e.g. {@code importer.image.openshift.io/prefer-arch})
 * @param from the source: {@code DockerImage}, {@code ImageStreamTag} or {@code ImageStreamImage}
 * @param reference true to record {@code from} without importing it
 * @param generation OpenShift's record of user intent; accepted and stored, not used
 * @param importPolicy how to import
 * @param referencePolicy how consumers reference the image
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!(has(self.importPolicy) && has(self.importPolicy.scheduled) && self.importPolicy.scheduled)"
            + " || (has(self.from) && self.from.kind == 'DockerImage')",
    message = "only tags pointing to Docker repositories may be scheduled for background import")
public record TagReference(
    @Required
        @Pattern("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")
        @Size(max = TagReference.MAX_NAME_LENGTH)
        @JsonPropertyDescription("name of the tag")
        String name,
    @Nullable
        @JsonPropertyDescription(
            "Optional; if specified, annotations that are applied to images retrieved via ImageStreamTags.")
        Map<String, String> annotations,
    @JsonPropertyDescription(
            "Optional; if specified, a reference to another image that this tag should point to. Valid values"
                + " are ImageStreamTag, ImageStreamImage, and DockerImage.")
        TagSource from,
    @JsonPropertyDescription(
            "reference states if the tag will be imported. Default value is false, which means the tag will be"
                + " imported.")
        Boolean reference,
    @Nullable
        @JsonPropertyDescription(
            "generation is OpenShift's counter of when this tag was last changed; stored and ignored by this"
                + " operator.")
        Long generation,
    @JsonPropertyDescription(
            "importPolicy is information that controls how images may be imported by the server.")
        TagImportPolicy importPolicy,
    @JsonPropertyDescription(
            "referencePolicy defines how other components should consume the image.")
        TagReferencePolicy referencePolicy) {

  /** OpenShift's bound of a tag name ({@code oc tag}'s pattern allows 128 characters). */
  public static final int MAX_NAME_LENGTH = 128;

  public static final String PREFER_ARCH_ANNOTATION = "importer.image.openshift.io/prefer-arch";
  public static final String PREFER_OS_ANNOTATION = "importer.image.openshift.io/prefer-os";

  /** Whether the tag only records {@code from} and is never imported. */
  public boolean referenceOnly() {
    return Boolean.TRUE.equals(reference);
  }

  /** Whether the tag is re-imported on the cluster-wide schedule. */
  public boolean scheduledImport() {
    return importPolicy != null && Boolean.TRUE.equals(importPolicy.scheduled());
  }

  /** Whether plain HTTP and unverified TLS are allowed for this tag. */
  public boolean insecureImport() {
    return importPolicy != null && Boolean.TRUE.equals(importPolicy.insecure());
  }

  /** The annotation value, or null. */
  public String annotation(String key) {
    return annotations == null ? null : annotations.get(key);
  }

  /** The import mode as written, or null when unset. */
  public String importMode() {
    return importPolicy == null
            || importPolicy.importMode() == null
            || importPolicy.importMode().isEmpty()
        ? null
        : importPolicy.importMode();
  }
}
