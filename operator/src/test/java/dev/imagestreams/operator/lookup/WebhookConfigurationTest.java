package dev.imagestreams.operator.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.v1.ImageLookupPolicy;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamSpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookConfigurationTest {
  static ImageStream stream(String ns, Boolean local) {
    ImageStream s = new ImageStream();
    s.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName("s").build());
    s.setSpec(new ImageStreamSpec(local == null ? null : new ImageLookupPolicy(local), null, null));
    return s;
  }

  @Test
  void namespacesWithALookupStreamAndWithAnyStreamNeverPrivileged() {
    LookupNamespaces n =
        LookupNamespaces.of(
            List.of(
                stream("b", true),
                stream("a", false),
                stream("c", null),
                stream("b", false),
                stream("default", true),
                stream("platform", true)),
            Set.of("default", "platform"));
    assertThat(n.localNames()).containsExactly("b");
    assertThat(n.anyStream()).containsExactly("a", "b", "c");
  }

  @Test
  void aSelectorListsTheNamespacesAndExcludesPrivilegedOnesByNameAndLabel() {
    LabelSelector s = WebhookConfiguration.selector(Set.of("team-b", "team-a"), Set.of("platform"));
    assertThat(s.getMatchExpressions())
        .extracting(
            LabelSelectorRequirement::getKey,
            LabelSelectorRequirement::getOperator,
            LabelSelectorRequirement::getValues)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "kubernetes.io/metadata.name", "In", List.of("team-a", "team-b")),
            org.assertj.core.groups.Tuple.tuple(
                "kubernetes.io/metadata.name",
                "NotIn",
                List.of(
                    "default",
                    "kube-public",
                    "kube-system",
                    "openshift",
                    "openshift-infra",
                    "openshift-node",
                    "platform")),
            org.assertj.core.groups.Tuple.tuple(
                "openshift.io/run-level", "NotIn", List.of("0", "1")));
    LabelSelector none = WebhookConfiguration.selector(Set.of(), Set.of());
    assertThat(none.getMatchExpressions().get(0).getOperator()).isEqualTo("DoesNotExist");
    assertThat(none.getMatchExpressions().get(0).getValues()).isEmpty();
  }

  static MutatingWebhookConfiguration live(
      LabelSelector local, LabelSelector any, String caBundle) {
    return new MutatingWebhookConfigurationBuilder()
        .withNewMetadata()
        .withName("c")
        .endMetadata()
        .withWebhooks(
            new MutatingWebhookBuilder()
                .withName(WebhookSettings.LOCAL_NAMES)
                .withNamespaceSelector(local)
                .withNewClientConfig()
                .withCaBundle(caBundle)
                .endClientConfig()
                .build(),
            new MutatingWebhookBuilder()
                .withName(WebhookSettings.RESOLVE_NAMES)
                .withNamespaceSelector(any)
                .withNewClientConfig()
                .withCaBundle(caBundle)
                .endClientConfig()
                .build(),
            new MutatingWebhookBuilder().withName("someone-elses.example.com").build())
        .build();
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void matchesOnlyWhatItKeeps() {
    WebhookConfiguration want =
        new WebhookConfiguration(
            new LookupNamespaces(Set.of("a"), Set.of("a", "b")), Set.of(), "PEM");
    LabelSelector a = WebhookConfiguration.selector(Set.of("a"), Set.of());
    LabelSelector ab = WebhookConfiguration.selector(Set.of("a", "b"), Set.of());
    assertThat(want.matches(live(a, ab, b64("PEM")))).isTrue();
    assertThat(want.matches(live(ab, ab, b64("PEM")))).isFalse();
    assertThat(want.matches(live(a, a, b64("PEM")))).isFalse();
    assertThat(want.matches(live(a, ab, b64("OLD")))).isFalse();
    assertThat(want.matches(live(a, ab, null))).isFalse();
    assertThat(want.matches(live(a, ab, "not base64!"))).isFalse();
    MutatingWebhookConfiguration noClientConfig = live(a, ab, null);
    noClientConfig.getWebhooks().forEach(w -> w.setClientConfig(null));
    assertThat(want.matches(noClientConfig)).isFalse();
    WebhookConfiguration mounted = new WebhookConfiguration(want.namespaces(), Set.of(), null);
    assertThat(mounted.matches(live(a, ab, null))).as("cert-manager keeps the bundle").isTrue();
    MutatingWebhookConfiguration empty =
        new MutatingWebhookConfigurationBuilder()
            .withNewMetadata()
            .withName("c")
            .endMetadata()
            .build();
    assertThat(want.matches(empty)).as("not installed: nothing of ours to keep").isTrue();
  }

  @Test
  void theApplyDocumentHoldsOnlyItsFieldsOfItsWebhooks() {
    WebhookConfiguration want =
        new WebhookConfiguration(new LookupNamespaces(Set.of("a"), Set.of("a")), Set.of(), "PEM");
    Map<String, Object> doc = want.applyDocument("c", live(null, null, null));
    assertThat(doc)
        .containsEntry("apiVersion", "admissionregistration.k8s.io/v1")
        .containsEntry("kind", "MutatingWebhookConfiguration")
        .containsEntry("metadata", Map.of("name", "c"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> webhooks = (List<Map<String, Object>>) doc.get("webhooks");
    assertThat(webhooks)
        .extracting(w -> w.get("name"))
        .containsExactly(WebhookSettings.LOCAL_NAMES, WebhookSettings.RESOLVE_NAMES);
    assertThat(webhooks.get(0)).containsOnlyKeys("name", "namespaceSelector", "clientConfig");
    assertThat(webhooks.get(0).get("clientConfig")).isEqualTo(Map.of("caBundle", b64("PEM")));
    Map<String, Object> mounted =
        new WebhookConfiguration(want.namespaces(), Set.of(), null)
            .applyDocument("c", live(null, null, null));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> m = (List<Map<String, Object>>) mounted.get("webhooks");
    assertThat(m.get(0)).containsOnlyKeys("name", "namespaceSelector");
    MutatingWebhookConfiguration empty =
        new MutatingWebhookConfigurationBuilder()
            .withNewMetadata()
            .withName("c")
            .endMetadata()
            .build();
    assertThat((List<?>) want.applyDocument("c", empty).get("webhooks")).isEmpty();
  }
}
