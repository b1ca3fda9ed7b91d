package dev.imagestreams.operator.lookup;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of an AdmissionReview's {@code request} the decision reads.
 *
 * @param uid the request's uid, echoed in the response
 * @param group the object's API group ({@code request.kind.group})
 * @param kind the object's kind
 * @param subResource the subresource, empty for the object itself
 * @param operation {@code CREATE}, {@code UPDATE}, ...
 * @param namespace the object's namespace
 * @param object the object as it would be stored
 * @param oldObject the stored object on UPDATE, else a missing node
 */
record AdmissionRequest(
    String uid,
    String group,
    String kind,
    String subResource,
    String operation,
    String namespace,
    JsonNode object,
    JsonNode oldObject) {

  /** The request of an AdmissionReview document. */
  static AdmissionRequest of(JsonNode review) {
    JsonNode r = review.path("request");
    return new AdmissionRequest(
        r.path("uid").asText(""),
        r.path("kind").path("group").asText(""),
        r.path("kind").path("kind").asText(""),
        r.path("subResource").asText(""),
        r.path("operation").asText(""),
        r.path("namespace").asText(""),
        r.path("object"),
        r.path("oldObject"));
  }
}
