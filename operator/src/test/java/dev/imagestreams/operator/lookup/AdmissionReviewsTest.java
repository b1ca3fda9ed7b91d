package dev.imagestreams.operator.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionReviewsTest {
  static JsonNode read(String s) throws IOException {
    return AdmissionReviews.read(
        new ByteArrayInputStream(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsAV1ReviewAndItsRequest() throws IOException {
    JsonNode review =
        read(
            "{'apiVersion':'admission.k8s.io/v1','kind':'AdmissionReview','request':{'uid':'u1',"
                + "'kind':{'group':'apps','version':'v1','kind':'Deployment'},'operation':'CREATE',"
                + "'namespace':'demo','object':{'metadata':{'name':'d'}}}}");
    AdmissionRequest r = AdmissionRequest.of(review);
    assertThat(r.uid()).isEqualTo("u1");
    assertThat(r.group()).isEqualTo("apps");
    assertThat(r.kind()).isEqualTo("Deployment");
    assertThat(r.subResource()).isEmpty();
    assertThat(r.operation()).isEqualTo("CREATE");
    assertThat(r.namespace()).isEqualTo("demo");
    assertThat(r.object().path("metadata").path("name").asText()).isEqualTo("d");
    assertThat(r.oldObject().isMissingNode()).isTrue();
  }

  @Test
  void refusesWhatIsNoReview() {
    assertThatThrownBy(
            () ->
                read(
                    "{'apiVersion':'admission.k8s.io/v1beta1','kind':'AdmissionReview','request':{}}"))
        .hasMessage("not an admission.k8s.io/v1 AdmissionReview with a request");
    assertThatThrownBy(
            () -> read("{'apiVersion':'admission.k8s.io/v1','kind':'Other','request':{}}"))
        .hasMessage("not an admission.k8s.io/v1 AdmissionReview with a request");
    assertThatThrownBy(() -> read("{'apiVersion':'admission.k8s.io/v1','kind':'AdmissionReview'}"))
        .hasMessage("not an admission.k8s.io/v1 AdmissionReview with a request");
    assertThatThrownBy(() -> read("")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> read("{")).isInstanceOf(IOException.class);
    byte[] big = new byte[AdmissionReviews.MAX_BYTES + 1];
    assertThatThrownBy(() -> AdmissionReviews.read(new ByteArrayInputStream(big)))
        .hasMessage("the AdmissionReview is larger than 8388608 bytes");
  }

  @Test
  void answersWithAJsonPatchOrARefusal() throws IOException {
    JsonNode allowed =
        AdmissionReviews.JSON.readTree(
            AdmissionReviews.response(
                "u1",
                AdmissionDecision.patch(
                    List.of(
                        new AdmissionDecision.Replace("/spec/containers/0/image", "x@sha256:1")))));
    assertThat(allowed.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(allowed.path("kind").asText()).isEqualTo("AdmissionReview");
    JsonNode response = allowed.path("response");
    assertThat(response.path("uid").asText()).isEqualTo("u1");
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
    assertThat(
            new String(
                Base64.getDecoder().decode(response.path("patch").asText()),
                StandardCharsets.UTF_8))
        .isEqualTo(
            "[{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\",\"value\":\"x@sha256:1\"}]");

    JsonNode unchanged =
        AdmissionReviews.JSON.readTree(
            AdmissionReviews.response("u2", AdmissionDecision.UNCHANGED));
    assertThat(unchanged.path("response").path("allowed").asBoolean()).isTrue();
    assertThat(unchanged.path("response").has("patch")).isFalse();
    assertThat(unchanged.path("response").has("status")).isFalse();

    JsonNode refused =
        AdmissionReviews.JSON.readTree(
            AdmissionReviews.response("u3", AdmissionDecision.refuse("no")));
    assertThat(refused.path("response").path("allowed").asBoolean()).isFalse();
    assertThat(refused.path("response").path("status").path("code").asInt()).isEqualTo(403);
    assertThat(refused.path("response").path("status").path("reason").asText())
        .isEqualTo("Forbidden");
    assertThat(refused.path("response").path("status").path("message").asText()).isEqualTo("no");
    assertThat(refused.path("response").has("patch")).isFalse();
  }
}
