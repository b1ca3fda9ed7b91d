package dev.imagestreams.plugin.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldOwnersTest {
  private static ManagedFieldsEntry entry(
      String manager, String operation, String subresource, String fieldsJson) {
    ManagedFieldsEntry e = new ManagedFieldsEntry();
    e.setManager(manager);
    e.setOperation(operation);
    e.setSubresource(subresource);
    FieldsV1 fields = new FieldsV1();
    Serialization.unmarshal(fieldsJson, Map.class)
        .forEach((k, v) -> fields.setAdditionalProperty(String.valueOf(k), v));
    e.setFieldsV1(fields);
    return e;
  }

  private static final ObjectMeta META =
      new ObjectMetaBuilder()
          .withManagedFields(
              List.of(
                  entry(
                      "argocd-controller",
                      "Apply",
                      null,
                      "{\"f:spec\":{\"f:tags\":{\"k:{\\\"name\\\":\\\"1.0\\\"}\":{\".\":{},\"f:from\":{}}}}}"),
                  entry(
                      "kubectl-imagestream",
                      "Apply",
                      null,
                      "{\"f:spec\":{\"f:tags\":{\"k:{\\\"name\\\":\\\"latest\\\"}\":{\".\":{}},"
                          + "\"k:{\\\"name\\\":\\\"1.0\\\"}\":{\"f:importPolicy\":{}}}}}"),
                  entry(
                      "imagestream-operator",
                      "Apply",
                      "status",
                      "{\"f:status\":{\"f:tags\":{\"k:{\\\"tag\\\":\\\"latest\\\"}\":{}}}}"),
                  entry(
                      "kubectl-edit",
                      "Update",
                      null,
                      "{\"f:spec\":{\"f:tags\":{\"k:{\\\"name\\\":\\\"dev\\\"}\":{}}}}")))
          .build();

  @Test
  void otherManagersOfATag() {
    assertThat(FieldOwners.otherOwnersOfTag(META, "1.0", "kubectl-imagestream"))
        .containsExactly("argocd-controller");
    assertThat(FieldOwners.otherOwnersOfTag(META, "latest", "kubectl-imagestream")).isEmpty();
    assertThat(FieldOwners.otherOwnersOfTag(META, "dev", "kubectl-imagestream"))
        .containsExactly("kubectl-edit");
    assertThat(FieldOwners.otherOwnersOfTag(META, "none", "kubectl-imagestream")).isEmpty();
  }

  @Test
  void tagsAManagerApplied() {
    assertThat(FieldOwners.tagsAppliedBy(META, "kubectl-imagestream"))
        .containsExactly("latest", "1.0");
    assertThat(FieldOwners.tagsAppliedBy(META, "kubectl-edit")).isEmpty();
    assertThat(FieldOwners.tagsAppliedBy(new ObjectMeta(), "kubectl-imagestream")).isEmpty();
  }
}
