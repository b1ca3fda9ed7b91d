package dev.imagestreams.operator.lookup;

import dev.imagestreams.engine.namespace.PrivilegedNamespaces;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the operator keeps in its MutatingWebhookConfiguration, and nothing else: each webhook's
 * {@code namespaceSelector} (the namespaces of {@link LookupNamespaces}, never a privileged one)
 * and, in the built-in certificate mode, {@code clientConfig.caBundle}. The rest (rules, match
 * conditions, failure policy, timeout, the Service) is the install's. Pure.
 *
 * @param namespaces the namespaces to send, per webhook
 * @param privileged the configured privileged namespaces (the built-in ones are always excluded)
 * @param caBundle the CA bundle (PEM) to publish, or null to leave it to cert-manager
 */
record WebhookConfiguration(LookupNamespaces namespaces, Set<String> privileged, String caBundle) {
  static final String NAME_LABEL = "kubernetes.io/metadata.name";

  /** The selector of a webhook sending {@code namespaces}: none when the set is empty. */
  static LabelSelector selector(Set<String> namespaces, Set<String> privileged) {
    List<LabelSelectorRequirement> match = new ArrayList<>();
    match.add(
        namespaces.isEmpty()
            ? new LabelSelectorRequirementBuilder()
                .withKey(NAME_LABEL)
                .withOperator("DoesNotExist")
                .build()
            : new LabelSelectorRequirementBuilder()
                .withKey(NAME_LABEL)
                .withOperator("In")
                .withValues(List.copyOf(new TreeSet<>(namespaces)))
                .build());
    Set<String> excluded = new TreeSet<>(PrivilegedNamespaces.BUILT_IN);
    excluded.addAll(privileged);
    match.add(
        new LabelSelectorRequirementBuilder()
            .withKey(NAME_LABEL)
            .withOperator("NotIn")
            .withValues(List.copyOf(excluded))
            .build());
    match.add(
        new LabelSelectorRequirementBuilder()
            .withKey(PrivilegedNamespaces.RUN_LEVEL_LABEL)
            .withOperator("NotIn")
            .withValues("0", "1")
            .build());
    return new LabelSelectorBuilder().withMatchExpressions(match).build();
  }

  /** The selector of each webhook. */
  Map<String, LabelSelector> selectors() {
    Map<String, LabelSelector> out = new LinkedHashMap<>();
    out.put(WebhookSettings.LOCAL_NAMES, selector(namespaces.localNames(), privileged));
    out.put(WebhookSettings.RESOLVE_NAMES, selector(namespaces.anyStream(), privileged));
    return out;
  }

  /** Whether the live configuration already says this. */
  boolean matches(MutatingWebhookConfiguration live) {
    Map<String, LabelSelector> selectors = selectors();
    for (String name : selectors.keySet()) {
      MutatingWebhook w =
          live.getWebhooks() == null
              ? null
              : live.getWebhooks().stream()
                  .filter(h -> name.equals(h.getName()))
                  .findFirst()
                  .orElse(null);
      if (w == null) {
        continue; // not installed: nothing of ours to keep
      }
      if (!Objects.equals(w.getNamespaceSelector(), selectors.get(name))) {
        return false;
      }
      if (caBundle != null
          && (w.getClientConfig() == null
              || !caBundle.equals(decoded(w.getClientConfig().getCaBundle())))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The server-side apply document: the webhooks of {@code live} that are ours, with only the
   * fields the operator owns.
   */
  Map<String, Object> applyDocument(String name, MutatingWebhookConfiguration live) {
    Map<String, LabelSelector> selectors = selectors();
    List<Map<String, Object>> webhooks = new ArrayList<>();
    for (MutatingWebhook w :
        live.getWebhooks() == null ? List.<MutatingWebhook>of() : live.getWebhooks()) {
      if (!selectors.containsKey(w.getName())) {
        continue;
      }
      Map<String, Object> webhook = new LinkedHashMap<>();
      webhook.put("name", w.getName());
      webhook.put("namespaceSelector", selectors.get(w.getName()));
      if (caBundle != null) {
        webhook.put(
            "clientConfig",
            Map.of(
                "caBundle",
                java.util.Base64.getEncoder()
                    .encodeToString(caBundle.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      }
      webhooks.add(webhook);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "admissionregistration.k8s.io/v1");
    doc.put("kind", "MutatingWebhookConfiguration");
    doc.put("metadata", Map.of("name", name));
    doc.put("webhooks", webhooks);
    return doc;
  }

  private static String decoded(String base64) {
    if (base64 == null) {
      return null;
    }
    try {
      return new String(
          java.util.Base64.getDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
