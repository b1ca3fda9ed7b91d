package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The import condition of a tag. Only {@code ImportSuccess=False} is ever written: a success clears
 * it, as in OpenShift.
 *
 * @param type {@code ImportSuccess}
 * @param status {@code False}
 * @param lastTransitionTime when the condition last changed (RFC 3339)
 * @param reason why the import failed, e.g. {@code NotFound}
 * @param message what failed, precisely
 * @param generation the stream generation at which the failure was recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TagEventCondition(
    @JsonPropertyDescription("Type of tag event condition, currently only ImportSuccess")
        String type,
    @JsonPropertyDescription("Status of the condition, one of True, False, Unknown.") String status,
    @JsonPropertyDescription(
            "LastTransitionTIme is the time the condition transitioned from one status to another.")
        String lastTransitionTime,
    @JsonPropertyDescription(
            "Reason is a brief machine readable explanation for the condition's last transition.")
        String reason,
    @JsonPropertyDescription(
            "Message is a human readable description of the details about last transition, complementing reason.")
        String message,
    @JsonPropertyDescription(
            "Generation is the spec tag generation that this status corresponds to")
        Long generation) {

  public static final String IMPORT_SUCCESS = "ImportSuccess";
}
