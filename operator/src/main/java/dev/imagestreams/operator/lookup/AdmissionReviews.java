package dev.imagestreams.operator.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;

/**
 * AdmissionReview documents ({@code admission.k8s.io/v1}) read and written with Jackson's tree
 * model: the request is read field by field, and the response carries a JSON Patch of {@code
 * replace} operations built directly from the decision (no diff of two objects).
 */
final class AdmissionReviews {
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The largest review read: the API server's own request bound is 3 MiB per object, two objects.
   */
  static final int MAX_BYTES = 8 * 1024 * 1024;

  private AdmissionReviews() {}

  /**
   * Reads a review.
   *
   * @throws IOException if the body is not JSON, is larger than {@link #MAX_BYTES}, or is no v1
   *     AdmissionReview with a request
   */
  static JsonNode read(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new IOException("the AdmissionReview is larger than " + MAX_BYTES + " bytes");
    }
    JsonNode review = JSON.readTree(bytes);
    if (review == null
        || !"admission.k8s.io/v1".equals(review.path("apiVersion").asText())
        || !"AdmissionReview".equals(review.path("kind").asText())
        || !review.path("request").isObject()) {
      throw new IOException("not an admission.k8s.io/v1 AdmissionReview with a request");
    }
    return review;
  }

  /** The response review of a decision. */
  static byte[] response(String uid, AdmissionDecision decision) throws IOException {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    ObjectNode response = review.putObject("response");
    response.put("uid", uid);
    response.put("allowed", decision.allowed());
    if (!decision.allowed()) {
      ObjectNode status = response.putObject("status");
      status.put("code", 403);
      status.put("reason", "Forbidden");
      status.put("message", decision.message());
    } else if (!decision.patch().isEmpty()) {
      response.put("patchType", "JSONPatch");
      response.put("patch", Base64.getEncoder().encodeToString(patch(decision)));
    }
    return JSON.writeValueAsBytes(review);
  }

  /** The decision's JSON Patch. */
  static byte[] patch(AdmissionDecision decision) throws IOException {
    ArrayNode ops = JSON.createArrayNode();
    for (AdmissionDecision.Replace r : decision.patch()) {
      ops.addObject().put("op", "replace").put("path", r.path()).put("value", r.value());
    }
    return JSON.writeValueAsBytes(ops);
  }
}
