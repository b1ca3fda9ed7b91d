package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/**
 * An image's config metadata in OpenShift's {@code DockerImage} form (capitalised keys). {@code Os}
 * and {@code Variant} are additions; other OpenShift keys are preserved.
 *
 * @param kind always {@code DockerImage}
 * @param apiVersion always {@code image.openshift.io/1.0}
 * @param id the config digest
 * @param created when the image was built (RFC 3339)
 * @param author the author
 * @param architecture the CPU architecture
 * @param os the operating system
 * @param variant the CPU variant
 * @param size the total size: layers plus config
 * @param dockerVersion the Docker version that built the image
 * @param config the run configuration
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@PreserveUnknownFields
public record DockerImageMetadata(
    String kind,
    String apiVersion,
    @JsonProperty("Id") String id,
    @JsonProperty("Created") String created,
    @JsonProperty("Author") String author,
    @JsonProperty("Architecture") String architecture,
    @JsonProperty("Os") String os,
    @JsonProperty("Variant") String variant,
    @JsonProperty("Size") Long size,
    @JsonProperty("DockerVersion") String dockerVersion,
    @JsonProperty("Config") DockerConfig config) {

  public static final String KIND = "DockerImage";
  public static final String API_VERSION = "image.openshift.io/1.0";
}
